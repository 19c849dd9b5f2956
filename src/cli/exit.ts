// Exit codes of the contract: 0 built (even with missing metrics), 1 bad usage or unreadable input, 2 a gate tripped.
export const EXIT = { ok: 0, input: 1, gate: 2 } as const;
