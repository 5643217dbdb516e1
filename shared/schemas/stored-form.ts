// schemas: the stored form of an input schema (issue 20 item 3) — the same keys, types, enums and literals,
// without what the input does to a typed value, so a stored schema derived from an entity schema cannot drift.
import * as z from 'zod';

type Shape = Record<string, z.ZodType>;

/**
 * What the stored form keeps: keys, optionality, arrays, unions (discriminated ones stay so), enums and
 * literals as they are; strings, numbers and booleans as bare types. What it drops: trimming, normalising,
 * lengths, patterns, refinements and coercion (a pipe is read as what it takes in). Objects become loose, as
 * every stored object is (stored.ts). A kind of schema it does not know throws when the module loads.
 */
function storedForm(schema: z.core.$ZodType): z.ZodType {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'enum':
    case 'literal':
      return schema as z.ZodType;
    case 'optional':
      return storedForm(def.innerType).optional();
    case 'pipe':
      return storedForm(def.in);
    case 'array':
      return z.array(storedForm(def.element));
    case 'object':
      return z.looseObject(storedShape(def.shape));
    case 'union': {
      const options = def.options.map(storedForm);
      const discriminator = (def as { discriminator?: string }).discriminator;
      return discriminator
        ? z.discriminatedUnion(discriminator, options as unknown as [z.ZodObject, ...z.ZodObject[]])
        : z.union(options);
    }
    default:
      throw new Error(`No stored form for a ${def.type} schema`);
  }
}

function storedShape(shape: Readonly<Record<string, z.core.$ZodType>>): Shape {
  return Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, storedForm(value)]));
}

/**
 * The stored schema of an entity whose input schema has the same shape; `extra`: attributes the stored record
 * has beyond the input (who recorded it, when), as stored schemas. Its output is the input's, so it
 * `satisfies` the same domain type the input does.
 */
export function storedFormOf<S extends z.ZodType, E extends Shape = Record<never, never>>(
  schema: S,
  extra?: E,
): z.ZodType<z.output<S> & z.output<z.ZodObject<E>>> {
  const form = storedForm(schema);
  if (!extra) return form as z.ZodType<z.output<S> & z.output<z.ZodObject<E>>>;
  const def = (schema as unknown as z.core.$ZodTypes)._zod.def;
  if (def.type !== 'object') throw new Error('Attributes can only be added to an object schema');
  return z.looseObject({ ...storedShape(def.shape), ...extra }) as unknown as z.ZodType<
    z.output<S> & z.output<z.ZodObject<E>>
  >;
}
