// Comparing CloudWatch Logs filter patterns "exactly, with insignificant whitespace ignored".
//
// Insignificant means: whitespace outside quoted strings that only separates tokens. Inside a
// quoted string every byte counts (`"Failed authentication"` is not `"Failedauthentication"`),
// and between two words whitespace is a separator (`invokedBy NOT EXISTS` must not collapse into
// `invokedByNOTEXISTS`, which would also "equal" `invokedByNOT EXISTS`). So patterns are compared
// as token sequences: quoted strings, operators, brackets and words. Quotes, case and term order
// are significant, because Security Hub compares the pattern itself, not what it matches.

export type PatternTokens = readonly string[];

const OPERATORS = ["&&", "||", "!=", "<=", ">=", "=", "<", ">", "!", "&", "|"] as const;

// Character classes by char code, looked up once per character (this loop is the hot path when
// thousands of accounts are evaluated). Non-ASCII characters are word characters.
const SPACE = 1;
const BRACKET = 2;
const OPERATOR = 3;
const QUOTE = 4;
const CLASS = new Uint8Array(128);
for (const ch of " \t\n\r\f\v") CLASS[ch.charCodeAt(0)] = SPACE;
for (const ch of "{}()[],") CLASS[ch.charCodeAt(0)] = BRACKET;
for (const op of OPERATORS) CLASS[op.charCodeAt(0)] = OPERATOR;
CLASS['"'.charCodeAt(0)] = QUOTE;

function classOf(code: number): number {
  return code < 128 ? (CLASS[code] ?? 0) : 0;
}

function isWordChar(ch: string): boolean {
  return ch.length > 0 && classOf(ch.charCodeAt(0)) === 0;
}

/** Splits a filter pattern into tokens; whitespace outside quotes is dropped. */
export function tokenizePattern(pattern: string): PatternTokens {
  const tokens: string[] = [];
  const length = pattern.length;
  let i = 0;
  while (i < length) {
    const kind = classOf(pattern.charCodeAt(i));
    if (kind === SPACE) {
      i += 1;
    } else if (kind === QUOTE) {
      // A quoted string runs to the next unescaped quote (or the end, if unterminated).
      let j = i + 1;
      while (j < length && pattern.charCodeAt(j) !== 34) j += pattern.charCodeAt(j) === 92 ? 2 : 1;
      tokens.push(pattern.slice(i, Math.min(j + 1, length)));
      i = j + 1;
    } else if (kind === BRACKET) {
      tokens.push(pattern.charAt(i));
      i += 1;
    } else if (kind === OPERATOR) {
      const op = OPERATORS.find((candidate) => pattern.startsWith(candidate, i)) ?? pattern.charAt(i);
      tokens.push(op);
      i += op.length;
    } else {
      let j = i + 1;
      while (j < length && classOf(pattern.charCodeAt(j)) === 0) j += 1;
      tokens.push(pattern.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

// The same few dozen patterns recur in every account of an organization, so tokens and keys are
// memoized. Bounded so a pathological snapshot cannot grow it without limit; clearing is safe.
const CACHE_LIMIT = 5_000;
const cache = new Map<string, { tokens: PatternTokens; key: string }>();

function cached(pattern: string): { tokens: PatternTokens; key: string } {
  let entry = cache.get(pattern);
  if (entry === undefined) {
    const tokens = tokenizePattern(pattern);
    // Re-tokenizing the joined key gives the same tokens back, so the key is injective.
    entry = { tokens, key: tokens.join(" ") };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, entry);
  }
  return entry;
}

/** A comparison key: equal keys mean equal patterns up to insignificant whitespace. */
export function patternKey(pattern: string): string {
  return cached(pattern).key;
}

/** tokenizePattern, memoized (callers must not mutate the result). */
export function patternTokens(pattern: string): PatternTokens {
  return cached(pattern).tokens;
}

/** Renders tokens compactly, in the style AWS publishes its patterns. */
export function renderTokens(tokens: PatternTokens): string {
  let out = "";
  let previous: string | undefined;
  for (const token of tokens) {
    const spaced = token === "&&" || token === "||";
    const bothWords = previous !== undefined && isWordLike(previous) && isWordLike(token);
    if (out && (spaced || previous === "&&" || previous === "||" || bothWords)) out += " ";
    out += token;
    previous = token;
  }
  return out;
}

function isWordLike(token: string): boolean {
  const first = token.charAt(0);
  return first === '"' || isWordChar(first);
}

export interface PatternDifference {
  candidate: PatternTokens;
  reference: PatternTokens;
  /** Tokens shared at the start and at the end. */
  prefix: number;
  suffix: number;
  /** 0..1: the share of tokens outside the differing stretch; 1 means equal. */
  similarity: number;
}

/** The single differing stretch between two token sequences (common prefix and suffix removed). */
export function diffPatterns(candidate: PatternTokens, reference: PatternTokens): PatternDifference {
  // Only indices here: rendering waits until a difference is chosen for a reason.
  let prefix = 0;
  const shorter = Math.min(candidate.length, reference.length);
  while (prefix < shorter && candidate[prefix] === reference[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    candidate[candidate.length - 1 - suffix] === reference[reference.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const longer = Math.max(candidate.length, reference.length);
  return { candidate, reference, prefix, suffix, similarity: longer === 0 ? 1 : (prefix + suffix) / longer };
}

/** What the candidate has in the differing stretch, and what the reference has there. */
export function differingText(diff: PatternDifference): { extra: string; missing: string } {
  const { candidate, reference, prefix, suffix } = diff;
  return {
    extra: renderTokens(candidate.slice(prefix, candidate.length - suffix)),
    missing: renderTokens(reference.slice(prefix, reference.length - suffix)),
  };
}

const KEYWORDS = new Set(["NOT", "EXISTS", "IS", "TRUE", "FALSE", "NULL"]);

/** The values a pattern tests for (event names, codes, sources), quotes stripped; selectors and keywords excluded. */
export function patternValues(tokens: PatternTokens): Set<string> {
  const values = new Set<string>();
  for (const token of tokens) {
    if (!isWordLike(token) || token.startsWith("$.") || KEYWORDS.has(token)) continue;
    values.add(
      token.startsWith('"') ? token.slice(1, token.endsWith('"') && token.length > 1 ? -1 : undefined) : token,
    );
  }
  return values;
}

/** Beyond this a literal stretch is unreadable in a one-line reason; name the values instead. */
const MAX_LITERAL = 100;

function listValues(values: string[]): string {
  const shown = values.slice(0, 3).join(", ");
  return values.length > 3 ? `${shown} and ${values.length - 3} more` : shown;
}

/** "adds `…`", "lacks `…`", "has `…` where the CIS pattern has `…`", or the values added and lacking. */
export function describeDifference(diff: PatternDifference, ours: Set<string>, theirs: Set<string>): string {
  const { extra, missing } = differingText(diff);
  if (extra.length <= MAX_LITERAL && missing.length <= MAX_LITERAL) {
    if (extra && !missing) return `adds \`${extra}\` to the CIS pattern`;
    if (!extra && missing) return `lacks \`${missing}\` from the CIS pattern`;
    return `has \`${extra}\` where the CIS pattern has \`${missing}\``;
  }
  const added = [...ours].filter((v) => !theirs.has(v));
  const lacking = [...theirs].filter((v) => !ours.has(v));
  const parts = [
    added.length > 0 ? `adds ${listValues(added)}` : "",
    lacking.length > 0 ? `lacks ${listValues(lacking)}` : "",
  ].filter(Boolean);
  return parts.length > 0
    ? `${parts.join(" and ")} compared with the CIS pattern`
    : `differs from the CIS pattern in structure (\`${extra.slice(0, MAX_LITERAL)}…\`)`;
}

/**
 * Whether a filter that does not match is still recognisably "the CIS filter, edited": most of
 * its tokens line up, or its tested values are a subset or superset of the CIS values (sharing at
 * least two). Unrelated filters of other controls share no values and are not named.
 */
export function isNearPattern(diff: PatternDifference, ours: Set<string>, theirs: Set<string>): boolean {
  if (diff.similarity >= 0.5) return true;
  const shared = [...ours].filter((v) => theirs.has(v)).length;
  return shared >= 2 && (shared === ours.size || shared === theirs.size);
}
