// `build --github`: the report where a pull request's reader sees it. Writes PR-sized Markdown to
// $GITHUB_STEP_SUMMARY (appending, as GitHub expects), step outputs to $GITHUB_OUTPUT, and says
// where the full HTML report is.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { CliIO } from './io.js';

async function appendTo(io: CliIO, variable: string, file: string, text: string): Promise<void> {
  const target = path.resolve(io.cwd, file);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await appendFile(target, text);
  } catch (e) {
    throw new InputError(`cannot write $${variable}: ${(e as Error).message}`, file);
  }
}

/** GitHub caps a pull-request comment at 65,536 characters; stay clear of it with the footer added. */
export const PR_MARKDOWN_LIMIT = 60_000;

/** The marker the example workflow uses to find and update its one comment. */
export function commentMarker(runId: string): string {
  return `<!-- bench-report:${runId} -->`;
}

/**
 * Cuts a report's Markdown to fit a pull request: whole sections are kept from the top (the verdict
 * comes first) until the limit, and a line says what was left out and where the full report is.
 */
export function prSizedMarkdown(markdown: string, fullReport: string, limit = PR_MARKDOWN_LIMIT): string {
  const footer = `\n---\nFull report: ${fullReport}\n`;
  if (markdown.length + footer.length <= limit) return `${markdown.trimEnd()}\n${footer}`;
  const parts = markdown.split(/(?=^## )/m);
  let out = '';
  const left: string[] = [];
  for (const part of parts) {
    if (left.length === 0 && out.length + part.length + footer.length + 300 <= limit) out += part;
    else left.push(part.match(/^## (.*)$/m)?.[1] ?? 'untitled');
  }
  if (out === '') out = `${markdown.slice(0, Math.max(0, limit - footer.length - 300))}\n`;
  const note = `\n> Shortened to fit a pull request; left out: ${left.join(', ') || 'the end of the report'}.\n`;
  return `${out.trimEnd()}\n${note}${footer}`;
}

/** Where the full HTML report can be found: the workflow run's artifacts on GitHub, else the local path. */
export function htmlLocation(io: CliIO, htmlPath: string): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = io.env;
  const local = `\`${htmlPath}\``;
  return server && repo && runId
    ? `${local} in the artifacts of ${server}/${repo}/actions/runs/${runId}`
    : local;
}

export interface GithubOutputs {
  runId: string;
  status: string;
  markdown: string;
  htmlPath: string;
  mdPath: string;
  summaryPath: string;
  prPath: string;
}

/**
 * Writes the PR-sized Markdown to $GITHUB_STEP_SUMMARY (when set) and step outputs to
 * $GITHUB_OUTPUT (when set). Returns what was written to the summary.
 */
export async function writeGithub(io: CliIO, o: GithubOutputs): Promise<{ summaryFile: string | null }> {
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendTo(io, 'GITHUB_STEP_SUMMARY', summaryFile, `${o.markdown.trimEnd()}\n\n`);
  const outputFile = io.env.GITHUB_OUTPUT;
  if (outputFile) {
    const lines = [
      `run-id=${o.runId}`,
      `status=${o.status}`,
      `report-md=${o.mdPath}`,
      `report-html=${o.htmlPath}`,
      `summary-json=${o.summaryPath}`,
      `pr-md=${o.prPath}`,
    ];
    await appendTo(io, 'GITHUB_OUTPUT', outputFile, `${lines.join('\n')}\n`);
  }
  return { summaryFile: summaryFile ?? null };
}
