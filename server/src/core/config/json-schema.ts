// JSON Schemas (draft-07) for linkerd.yaml and namerd.yaml, generated from the same model as the checks, for
// editors that validate YAML through schemas (vscode-yaml's `yamlValidation`). Polymorphic blocks become
// `if kind == K then <K's shape>` branches so each kind gets its own key set. `npm run gen-schema` writes them.

import { fieldDoc } from './docs.js';
import {
  familyFor, shapeFor, topShape,
  type Family, type FieldSpec, type Fields, type ModelContext, type Product, type Protocol,
} from './model.js';

type Json = { [k: string]: unknown };

/** Plain-text description for a schema property (the markdown emphasis dropped). */
function docsFor(key: string, spec: FieldSpec, title: string): string {
  return fieldDoc(key, spec, title).replace(/\*\*/g, '').replace(/`/g, "'");
}

const SCALAR_ITEMS = new Set(['string', 'regex', 'path', 'int', 'enum', 'dtab']);

class SchemaBuilder {
  readonly definitions: Record<string, Json> = {};
  constructor(private readonly product: Product) {}

  /** `$ref` to the definition of a shape or family in this protocol context, building it on first use. */
  ref(word: string, protocol: Protocol | undefined): Json {
    const ctx: ModelContext = { product: this.product, protocol };
    const fam = familyFor(word, ctx);
    const perProtocol = ['router', 'server', 'clientKinds', 'serviceKinds', 'clientPrefixConfig', 'servicePrefixConfig', 'responseClassifiers'].includes(word);
    const name = fam ? fam.id + (perProtocol && word !== 'router' && word !== 'responseClassifiers' ? `.${protocol}` : '') : word + (perProtocol ? `.${protocol}` : '');
    if (!(name in this.definitions)) {
      this.definitions[name] = {}; // placeholder against cycles
      if (fam) this.definitions[name] = this.family(fam, ctx);
      else {
        const shape = shapeFor(word, ctx);
        this.definitions[name] = shape ? this.object(shape.fields, ctx, shape.title) : {};
      }
    }
    return { $ref: `#/definitions/${name}` };
  }

  object(fields: Fields, ctx: ModelContext, title: string, discriminator?: { key: string; value: string; optional: boolean }): Json {
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    for (const [key, spec] of Object.entries(fields)) {
      if (discriminator && key === discriminator.key) {
        properties[key] = { const: discriminator.value, description: docsFor(key, spec, title) };
        if (!discriminator.optional) required.push(key);
        continue;
      }
      properties[key] = { ...this.field(spec, ctx), description: docsFor(key, spec, title) };
      // Only keys linkerd rejects the file without are schema-required; startup-only ones are our diagnostics.
      if (spec.required && (spec.enforcedAt === undefined || spec.enforcedAt === 'parse')) required.push(key);
    }
    const out: Json = { type: 'object', title, properties, additionalProperties: false };
    if (required.length) out['required'] = required;
    return out;
  }

  family(fam: Family, ctx: ModelContext): Json {
    const key = fam.discriminator;
    const kinds = [...fam.kinds.keys()];
    const branches = [...fam.kinds.values()].map((k) => {
      const kctx: ModelContext = fam.id === 'router' ? { ...ctx, protocol: k.name as Protocol } : ctx;
      const isDefault = fam.defaultKind === k.name;
      const cond: Json = isDefault
        ? { not: { required: [key], properties: { [key]: { not: { const: k.name } } } } }
        : { required: [key], properties: { [key]: { const: k.name } } };
      return { if: cond, then: this.object(k.fields, kctx, `${k.name} ${fam.title}`, { key, value: k.name, optional: isDefault }) };
    });
    const out: Json = {
      type: 'object',
      title: fam.title,
      properties: { [key]: { enum: kinds, description: `The ${fam.title} ${key}.` } },
      allOf: branches,
    };
    if (fam.defaultKind === null) out['required'] = [key];
    return out;
  }

  field(spec: FieldSpec, ctx: ModelContext): Json {
    switch (spec.type) {
      case 'int':
      case 'long':
      case 'duration-ms':
      case 'duration-s':
        return { type: 'integer', ...(spec.default !== undefined && typeof spec.default === 'number' ? { default: spec.default } : {}) };
      case 'port':
        return { type: 'integer', minimum: 0, maximum: 65535, ...(typeof spec.default === 'number' ? { default: spec.default } : {}) };
      case 'number':
        return { type: 'number', ...(typeof spec.default === 'number' ? { default: spec.default } : {}) };
      case 'bool':
        return { type: 'boolean', ...(typeof spec.default === 'boolean' ? { default: spec.default } : {}) };
      case 'enum':
        return { enum: spec.enum ?? [] };
      case 'path':
        return { type: 'string', pattern: '^/' };
      case 'path-matcher':
        return { type: 'string', pattern: '^/' };
      case 'object':
        return spec.ref ? this.ref(spec.ref, ctx.protocol) : { type: 'object' };
      case 'list':
        return { type: 'array', items: this.item(spec, ctx) };
      case 'oneOrList': {
        const item = this.item(spec, ctx);
        return { anyOf: [item, { type: 'array', items: item }] };
      }
      case 'map':
        return { type: 'object', additionalProperties: spec.values === 'int' ? { type: 'integer' } : { type: 'string' } };
      default:
        return { type: 'string', ...(typeof spec.default === 'string' && spec.default !== '' ? { default: spec.default } : {}) };
    }
  }

  item(spec: FieldSpec, ctx: ModelContext): Json {
    const word = spec.items ?? 'string';
    if (word === 'enum') return { enum: spec.enum ?? [] };
    if (SCALAR_ITEMS.has(word)) return this.field({ type: word === 'regex' || word === 'dtab' ? 'string' : (word as FieldSpec['type']), required: false }, ctx);
    return this.ref(word, ctx.protocol);
  }
}

export function generateJsonSchema(product: Product): Json {
  const b = new SchemaBuilder(product);
  const top = topShape(product);
  const body = b.object(top.fields, { product }, top.title);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://linkerd-dtab.invalid/schemas/${product}.schema.json`,
    title: product === 'linkerd' ? 'Linkerd 1.x router configuration (linkerd.yaml)' : 'namerd configuration (namerd.yaml)',
    description: `Generated from the linkerd-dtab config model. Do not edit: run \`npm run gen-schema\`.`,
    ...body,
    definitions: sortKeys(b.definitions),
  };
}

function sortKeys(o: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** The text written to schemas/<product>.schema.json. */
export function schemaText(product: Product): string {
  return JSON.stringify(generateJsonSchema(product), null, 2) + '\n';
}
