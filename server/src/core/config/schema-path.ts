// Follows a cursor path (keys and list items, with the discriminators written at each level) through the model:
// which mapping shape is the cursor's block, or which field is it in.

import type { CursorContext, PathStep } from './locate.js';
import {
  isProtocol, targetFor, topShape,
  type Family, type FieldSpec, type Fields, type KindSpec, type ModelContext, type Product, type Target,
} from './model.js';

/** The mapping the cursor's block must be. */
export interface ResolvedBlock {
  readonly fields: Fields;
  readonly title: string;
  /** Set when the block is polymorphic. */
  readonly family?: Family;
  /** The kind written in the block (or the family default), if it is known. */
  readonly kind?: KindSpec;
  readonly ctx: ModelContext;
}

/** Guesses linkerd vs namerd from the top-level keys written so far. */
export function productOf(text: string): Product | undefined {
  if (/^routers\s*:/m.test(text)) return 'linkerd';
  if (/^(storage|interfaces)\s*:/m.test(text)) return 'namerd';
  return undefined;
}

function blockOf(target: Target, facts: Readonly<Record<string, string>>, ctx: ModelContext): ResolvedBlock | undefined {
  if (target.t === 'shape') return { fields: target.shape.fields, title: target.shape.title, ctx };
  if (target.t !== 'family') return undefined;
  const fam = target.family;
  const name = facts[fam.discriminator] ?? fam.defaultKind ?? undefined;
  const kind = name !== undefined ? fam.kinds.get(name) : undefined;
  const kctx = fam.id === 'router' && isProtocol(name) ? { ...ctx, protocol: name } : ctx;
  if (!kind) {
    // Only the discriminator is known to be valid until a kind is chosen.
    const first = fam.kinds.values().next().value as KindSpec | undefined;
    const disc = first?.fields[fam.discriminator] ?? { type: 'string', required: true };
    return { fields: { [fam.discriminator]: disc }, title: fam.title, family: fam, ctx: kctx };
  }
  return { fields: kind.fields, title: `${kind.name} ${fam.title}`, family: fam, kind, ctx: kctx };
}

/** The target a field's value (or, for `[]`, its list items) must match. */
function childTarget(spec: FieldSpec, item: boolean, ctx: ModelContext): Target | undefined {
  if (spec.type === 'object') return spec.ref ? targetFor(spec.ref, ctx) : undefined;
  if (spec.type === 'list' || spec.type === 'oneOrList') {
    const t = spec.items ? targetFor(spec.items, ctx) : undefined;
    if (t) return t;
    return item ? { t: 'field', field: { type: (spec.items ?? 'string') as FieldSpec['type'], required: false, enum: spec.enum } } : { t: 'field', field: spec };
  }
  if (spec.type === 'map') return { t: 'field', field: { type: spec.values === 'int' ? 'int' : spec.values === 'dtab' ? 'dtab' : 'string', required: false } };
  return { t: 'field', field: spec };
}

/**
 * Resolve the cursor's block: a mapping (keys can be completed) or a field (values can be completed).
 * `path` excludes the cursor's own key.
 */
export function resolvePath(product: Product, path: readonly PathStep[], ownFacts: Readonly<Record<string, string>>): ResolvedBlock | { field: FieldSpec } | undefined {
  let ctx: ModelContext = { product };
  let target: Target = { t: 'shape', shape: topShape(product) };
  let pendingList: FieldSpec | undefined; // a list/map field whose items come next
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (step.key === '[]') {
      if (!pendingList) return undefined;
      const t = childTarget(pendingList, true, ctx);
      if (!t) return undefined;
      target = t;
      pendingList = undefined;
      continue;
    }
    if (pendingList?.type === 'map') {
      // A named entry of a map (namerd namespaces): its value is the map's value type.
      const t = childTarget(pendingList, true, ctx);
      if (!t) return undefined;
      target = t;
      pendingList = undefined;
      continue;
    }
    const facts = path[i - 1]?.facts ?? {};
    const block = blockOf(target, i === 0 ? {} : facts, ctx);
    if (!block) return undefined;
    ctx = block.ctx;
    const spec = block.fields[step.key];
    if (!spec) return undefined;
    if (spec.type === 'list' || spec.type === 'oneOrList' || spec.type === 'map') {
      pendingList = spec;
      // A oneOrList written as a single mapping: the next step is not `[]`.
      if (spec.type === 'oneOrList' && path[i + 1]?.key !== '[]') {
        const t = childTarget(spec, true, ctx);
        if (!t) return undefined;
        target = t;
        pendingList = undefined;
      } else if (spec.type === 'map' && i === path.length - 1) return { field: spec };
      continue;
    }
    const t = childTarget(spec, false, ctx);
    if (!t) return undefined;
    target = t;
  }
  if (pendingList) return { field: pendingList };
  if (target.t === 'field') return { field: target.field };
  return blockOf(target, path.length ? ownFacts : {}, ctx);
}

/** Convenience: resolve the block of a located cursor. */
export function resolveCursorBlock(text: string, c: CursorContext): ReturnType<typeof resolvePath> {
  const product = productOf(text);
  if (!product) {
    // Nothing says linkerd or namerd yet: at the top level offer what either file starts with.
    if (c.path.length > 0) return undefined;
    const l = topShape('linkerd');
    const n = topShape('namerd');
    return { fields: { ...l.fields, ...n.fields }, title: 'linkerd or namerd config', ctx: { product: 'linkerd' } };
  }
  const own = c.path.length ? c.path[c.path.length - 1]!.facts : {};
  return resolvePath(product, c.path, own);
}
