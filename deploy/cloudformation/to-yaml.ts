// A small YAML writer for CloudFormation templates: maps, lists, scalars, and intrinsic functions
// written in their short form (`!Sub`, `!Ref`, `!If`, ...). Strings are double-quoted with JSON
// escaping (a valid YAML double-quoted scalar) unless they are plain words, so no value can be
// misread as a number, boolean or null.
import type { JsonValue } from "@/deploy/iam/policy-documents";

const SHORT_FORM: Readonly<Record<string, string>> = {
  Ref: "!Ref",
  "Fn::Sub": "!Sub",
  "Fn::If": "!If",
  "Fn::GetAtt": "!GetAtt",
  "Fn::Equals": "!Equals",
  "Fn::Not": "!Not",
  "Fn::And": "!And",
  "Fn::Or": "!Or",
  "Fn::Join": "!Join",
};

const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return "null";
  if (typeof v !== "string") return String(v);
  return PLAIN_WORD.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
}

function key(k: string): string {
  return /^[A-Za-z0-9_]+$/.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
}

function isMap(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `{ "Fn::Sub": x }` → ["!Sub", x]; GetAtt lists become the dotted string form. */
function intrinsic(v: JsonValue): [string, JsonValue] | null {
  if (!isMap(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 1 || !(keys[0]! in SHORT_FORM)) return null;
  const name = keys[0]!;
  const arg = v[name]!;
  if (name === "Fn::GetAtt" && Array.isArray(arg)) return ["!GetAtt", arg.join(".")];
  return [SHORT_FORM[name]!, arg];
}

/** The text after `key:` or `-` for a value, and the lines below it (already indented). */
function render(v: JsonValue, indent: number): { inline: string; block: string[] } {
  const pad = " ".repeat(indent);
  const tagged = intrinsic(v);
  if (tagged) {
    const [tag, arg] = tagged;
    if (!isMap(arg) && !Array.isArray(arg)) return { inline: ` ${tag} ${scalar(arg)}`, block: [] };
    const inner = render(arg, indent);
    return { inline: ` ${tag}`, block: inner.inline.trim() === "" ? inner.block : [`${pad}${inner.inline.trim()}`, ...inner.block] };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return { inline: " []", block: [] };
    const lines: string[] = [];
    for (const item of v) {
      if (isMap(item) && !intrinsic(item) && Object.keys(item).length > 0) {
        const [first, ...rest] = mapLines(item, indent + 2);
        lines.push(`${pad}- ${first!.trimStart()}`, ...rest);
      } else {
        const r = render(item, indent + 2);
        lines.push(`${pad}-${r.inline}`, ...r.block);
      }
    }
    return { inline: "", block: lines };
  }
  if (isMap(v)) {
    if (Object.keys(v).length === 0) return { inline: " {}", block: [] };
    return { inline: "", block: mapLines(v, indent) };
  }
  return { inline: ` ${scalar(v)}`, block: [] };
}

function mapLines(m: { [key: string]: JsonValue }, indent: number): string[] {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  for (const [k, v] of Object.entries(m)) {
    const r = render(v, indent + 2);
    lines.push(`${pad}${key(k)}:${r.inline}`, ...r.block);
  }
  return lines;
}

/** A YAML document for `doc`, with `header` lines as comments on top. */
export function toYaml(doc: { [key: string]: JsonValue }, header: readonly string[] = []): string {
  const top: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    const r = render(v, 2);
    top.push(`${key(k)}:${r.inline}`, ...r.block, "");
  }
  return [...header.map((h) => (h ? `# ${h}` : "#")), ...(header.length ? [""] : []), ...top].join("\n").replace(/\n+$/, "\n");
}
