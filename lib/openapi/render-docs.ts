// GET /api/docs: the OpenAPI document as one HTML page for people, rendered on the server from
// the same object GET /api/v1/openapi.json serves: operations grouped by tag (method, path,
// parameters, request and response schemas with a generated example), the outbound webhooks and
// every schema. No script and no external asset: the styles are inline.

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Media = Record<string, { schema?: Schema }>;
type Operation = {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, unknown>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Media };
  responses?: Record<string, { description?: string; content?: Media }>;
};
type Doc = {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, { description?: string }> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
const refName = (ref: string) => ref.replace('#/components/schemas/', '');

/** A short type label: `string (uuid)`, `Prize`, `array of Change`, `integer or null`. */
function typeLabel(s: Schema): string {
  if (typeof s.$ref === 'string') {
    const name = refName(s.$ref);
    return `<a href="#schema-${slug(name)}">${escapeHtml(name)}</a>`;
  }
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants) return variants.map(typeLabel).join(' or ');
  if (s.const !== undefined) return `<code>${escapeHtml(JSON.stringify(s.const))}</code>`;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : typeof s.type === 'string' ? s.type : 'any';
  if (type === 'array' && s.items) return `array of ${typeLabel(s.items as Schema)}`;
  const format = typeof s.format === 'string' ? ` (${escapeHtml(s.format)})` : '';
  return `${escapeHtml(type)}${format}`;
}

/** Bounds and patterns worth telling a reader. */
function constraints(s: Schema): string {
  const parts: string[] = [];
  for (const [k, label] of [
    ['minimum', '≥'],
    ['exclusiveMinimum', '>'],
    ['maximum', '≤'],
    ['exclusiveMaximum', '<'],
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ] as const) {
    const v = s[k];
    if (typeof v === 'number' && Math.abs(v) < 9e15) parts.push(`${label} ${v}`);
  }
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.length ? `<span class="muted">${escapeHtml(parts.join(', '))}</span>` : '';
}

/** An object's properties as a nested table; nested objects inline up to a few levels. */
function schemaTable(s: Schema, depth = 0): string {
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants && variants.some((v) => v.properties)) {
    return variants
      .map((v, i) => `<p class="muted">Variant ${i + 1}</p>${v.properties ? schemaTable(v, depth) : typeLabel(v)}`)
      .join('');
  }
  const item = s.type === 'array' ? (s.items as Schema | undefined) : undefined;
  if (item && item.properties && depth < 3) return `<p class="muted">array of:</p>${schemaTable(item, depth)}`;
  const props = s.properties as Record<string, Schema> | undefined;
  if (!props) return `<p>${typeLabel(s)} ${constraints(s)}</p>`;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows = Object.entries(props).map(([name, p]) => {
    const variants = (p.anyOf ?? p.oneOf) as Schema[] | undefined;
    const nestedSource =
      p.type === 'array' ? (p.items as Schema | undefined) : (variants?.find((v) => v.properties) ?? p);
    const nested =
      nestedSource && nestedSource.properties && depth < 3
        ? `<div class="nested">${schemaTable(nestedSource, depth + 1)}</div>`
        : '';
    const desc = typeof p.description === 'string' ? escapeHtml(p.description) : '';
    return (
      `<tr><th scope="row"><code>${escapeHtml(name)}</code>${required.has(name) ? '' : '<span class="opt">optional</span>'}</th>` +
      `<td>${typeLabel(p)} ${constraints(p)}</td><td>${desc}${nested}</td></tr>`
    );
  });
  const extra = s.additionalProperties === false ? '' : '<p class="muted">Other fields may appear.</p>';
  return (
    `<table class="props"><thead><tr><th scope="col">field</th><th scope="col">type</th>` +
    `<th scope="col">meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>${depth === 0 ? extra : ''}`
  );
}

/** A plausible value of the schema: examples and defaults first, then by type and format. */
function example(s: Schema | undefined, doc: Doc, depth = 0): unknown {
  if (!s || depth > 8) return null;
  if (typeof s.$ref === 'string') return example(doc.components.schemas[refName(s.$ref)], doc, depth + 1);
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants) return example(variants.find((v) => v.type !== 'null') ?? variants[0], doc, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, example(v, doc, depth + 1)]));
    }
    case 'array':
      return [example(s.items as Schema | undefined, doc, depth + 1)];
    case 'integer':
      return typeof s.minimum === 'number' && s.minimum > 0 && s.minimum < 1e6 ? s.minimum : 1;
    case 'number':
      return 0.5;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
      if (s.format === 'date-time') return '2027-01-20T00:00:00.000Z';
      if (s.format === 'uri') return 'https://example.com/hook';
      return 'string';
    default:
      return null;
  }
}

function schemaBlock(schema: Schema | undefined, doc: Doc, label: string): string {
  if (!schema) return '';
  const shown = typeof schema.$ref === 'string' ? doc.components.schemas[refName(schema.$ref)] : schema;
  const ref = typeof schema.$ref === 'string' ? ` ${typeLabel(schema)}` : '';
  return (
    `<div class="schema"><p class="label">${escapeHtml(label)}${ref}</p>${shown ? schemaTable(shown) : ''}` +
    `<details><summary>Example</summary><pre tabindex="0"><code>${escapeHtml(JSON.stringify(example(schema, doc), null, 2))}` +
    `</code></pre></details></div>`
  );
}

function operationHtml(method: string, path: string, op: Operation, doc: Doc, idPrefix = 'op'): string {
  const id = `${idPrefix}-${method}-${slug(path)}`;
  const security = op.security?.length
    ? op.security.flatMap((s) => Object.keys(s)).join(', ')
    : op.security
      ? 'none'
      : '';
  const params = op.parameters?.length
    ? `<h4>Parameters</h4><table class="props"><thead><tr><th scope="col">name</th><th scope="col">in</th>` +
      `<th scope="col">type</th><th scope="col">meaning</th></tr></thead><tbody>` +
      op.parameters
        .map(
          (p) =>
            `<tr><th scope="row"><code>${escapeHtml(p.name)}</code>${p.required ? '' : '<span class="opt">optional</span>'}` +
            `</th><td>${escapeHtml(p.in)}</td><td>${p.schema ? `${typeLabel(p.schema)} ${constraints(p.schema)}` : ''}</td>` +
            `<td>${escapeHtml(p.description ?? (typeof p.schema?.description === 'string' ? p.schema.description : ''))}</td></tr>`,
        )
        .join('') +
      `</tbody></table>`
    : '';
  const requestMedia = op.requestBody?.content ?? {};
  const request = Object.entries(requestMedia)
    .map(([type, m]) =>
      schemaBlock(m.schema, doc, `Request body (${type}${op.requestBody?.required ? '' : ', optional'})`),
    )
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const media = Object.entries(r.content ?? {});
      const kind = Number(status) >= 400 ? 'err' : 'ok';
      const bodies = media
        .filter(([, m]) => !(typeof m.schema?.$ref === 'string' && refName(m.schema.$ref) === 'Error'))
        .map(([type, m]) => schemaBlock(m.schema, doc, type))
        .join('');
      const isError = media.some(([, m]) => typeof m.schema?.$ref === 'string' && refName(m.schema.$ref) === 'Error');
      return (
        `<li><span class="status ${kind}">${escapeHtml(status)}</span> ${escapeHtml(r.description ?? '')}` +
        `${isError ? ` <span class="muted">(${typeLabel({ $ref: '#/components/schemas/Error' })})</span>` : ''}${bodies}</li>`
      );
    })
    .join('');
  return (
    `<section class="op" id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h"><span class="method ${method}">` +
    `${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>` +
    `<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p class="muted">${escapeHtml(op.description)}</p>` : ''}` +
    `${security ? `<p><span class="label">Auth</span> ${escapeHtml(security)}</p>` : ''}` +
    `${params}${request ? `<h4>Request</h4>${request}` : ''}<h4>Responses</h4><ul class="responses">${responses}</ul></section>`
  );
}

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0550ae}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
.layout{display:grid;grid-template-columns:300px 1fr;min-height:100vh}
nav{border-right:1px solid var(--line);padding:16px;position:sticky;top:0;height:100vh;overflow:auto;background:var(--soft)}
nav h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:16px 0 4px}
nav ul{list-style:none;margin:0;padding:0}nav li{margin:2px 0;font-size:13px;overflow-wrap:anywhere}nav a{text-decoration:none}
nav a:hover,nav a:focus{text-decoration:underline}
main{padding:24px 40px;max-width:1100px}h1{margin:0 0 4px}h2.tag{margin-top:40px;border-bottom:1px solid var(--line);padding-bottom:4px}
.op{border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}
.op h3{margin:0 0 4px;font-size:16px;word-break:break-all}.op h4{margin:14px 0 6px;font-size:14px}
.method{display:inline-block;min-width:64px;text-align:center;border-radius:4px;padding:1px 6px;color:#fff;font-size:12px;font-weight:700}
.get{background:#0550ae}.post{background:#116329}.put{background:#7d4e00}.patch{background:#6639ba}.delete{background:#a40e26}
.status{display:inline-block;min-width:40px;font-weight:700;font-family:ui-monospace,monospace}.status.ok{color:#116329}.status.err{color:#a40e26}
.muted{color:var(--muted)}.label{font-weight:600;margin-right:6px}.opt{display:block;font-weight:400;font-size:11px;color:var(--muted)}
table.props{border-collapse:collapse;width:100%;margin:4px 0;font-size:13px}
table.props th,table.props td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.props thead th{background:var(--soft)}table.props tbody th{font-weight:400;white-space:nowrap}
.nested{margin-top:6px}.schema{margin:6px 0 10px}ul.responses{list-style:none;padding:0;margin:0}ul.responses li{margin:6px 0}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:420px}
details summary{cursor:pointer;color:var(--accent);font-size:13px}
@media (max-width:900px){.layout{grid-template-columns:1fr}nav{position:static;height:auto}main{padding:16px}}
`;

/** The whole page, from the document as openApiDocument() builds it. */
export function renderApiDocs(document: object): string {
  const doc = document as Doc;
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const t of doc.tags ?? []) byTag.set(t.name, []);
  for (const [path, ops] of Object.entries(doc.paths))
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method, path, op });
    }
  const tagText = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  const webhooks = Object.entries(doc.webhooks ?? {});
  const schemas = Object.entries(doc.components.schemas).sort(([a], [b]) => a.localeCompare(b));

  const nav =
    [...byTag]
      .filter(([, ops]) => ops.length)
      .map(
        ([tag, ops]) =>
          `<h2><a href="#tag-${slug(tag)}">${escapeHtml(tag)}</a></h2><ul>` +
          ops
            .map(
              ({ method, path }) =>
                `<li><a href="#op-${method}-${slug(path)}"><b>${method.toUpperCase()}</b> ${escapeHtml(path)}</a></li>`,
            )
            .join('') +
          `</ul>`,
      )
      .join('') +
    `<h2><a href="#webhooks">Outbound webhooks</a></h2><ul>${webhooks
      .map(([name]) => `<li><a href="#hook-post-${slug(name)}">${escapeHtml(name)}</a></li>`)
      .join('')}</ul><h2><a href="#schemas">Schemas</a></h2>`;

  const security = Object.entries(doc.components.securitySchemes ?? {})
    .map(([name, s]) => `<li><code>${escapeHtml(name)}</code>: ${escapeHtml(s.description ?? '')}</li>`)
    .join('');
  const sections = [...byTag]
    .filter(([, ops]) => ops.length)
    .map(
      ([tag, ops]) =>
        `<h2 class="tag" id="tag-${slug(tag)}">${escapeHtml(tag)}</h2>` +
        `${tagText.get(tag) ? `<p class="muted">${escapeHtml(tagText.get(tag)!)}</p>` : ''}` +
        ops.map(({ method, path, op }) => operationHtml(method, path, op, doc)).join(''),
    )
    .join('');
  const hooks = webhooks
    .map(([name, item]) => (item.post ? operationHtml('post', name, item.post, doc, 'hook') : ''))
    .join('');
  const schemaSections = schemas
    .map(
      ([name, s]) =>
        `<section class="op" id="schema-${slug(name)}" aria-labelledby="schema-${slug(name)}-h">` +
        `<h3 id="schema-${slug(name)}-h">${escapeHtml(name)}</h3>` +
        `${typeof s.description === 'string' ? `<p>${escapeHtml(s.description)}</p>` : ''}${schemaTable(s)}` +
        `<details><summary>Example</summary><pre tabindex="0"><code>${escapeHtml(JSON.stringify(example(s, doc), null, 2))}` +
        `</code></pre></details></section>`,
    )
    .join('');

  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(doc.info.title)}: API reference</title><style>${STYLE}</style></head><body>` +
    `<a class="skip" href="#main">Skip to the reference</a><div class="layout">` +
    `<nav aria-label="Operations" tabindex="0">${nav}</nav><main id="main">` +
    `<h1>${escapeHtml(doc.info.title)}</h1><p class="muted">Version ${escapeHtml(doc.info.version)} · OpenAPI ` +
    `document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>` +
    `<p>${escapeHtml(doc.info.description ?? '')}</p><h2>Authentication</h2><ul>${security}</ul>` +
    `${sections}<h2 class="tag" id="webhooks">Outbound webhooks</h2><p class="muted">Each event is POSTed to the ` +
    `endpoints subscribed to it; its body and headers:</p>${hooks}` +
    `<h2 class="tag" id="schemas">Schemas</h2>${schemaSections}</main></div></body></html>`
  );
}
