// Records with nothing inherited that stay fast to build: what readers put tags and fields in.

/**
 * `new KeyMap()`: like `Object.create(null)`, "__proto__" or "constructor" is a key like any
 * other and nothing is inherited, but built with `new` from a prototype that itself has a null
 * prototype, the object stays in V8's fast-property mode; `Object.create(null)` objects are hash
 * tables from the start and made a reader's per-record work about twice as slow.
 */
export const KeyMap = function KeyMap() {} as unknown as new () => Record<string, never>;
KeyMap.prototype = Object.freeze(Object.create(null));
