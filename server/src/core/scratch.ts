type ArrayType = Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor;

/**
 * Working arrays for a function called once per paragraph, reused from call to call and grown
 * (at least doubled) to the largest length asked for: allocating typed arrays per call was most
 * of the cost of normalising and fingerprinting (typed arrays of more than a few bytes live
 * outside the heap, and each one is tracked until a collection). Only results are allocated.
 *
 *     const scratch = scratchArrays({ codes: Uint16Array, map: Int32Array });
 *     const { codes, map } = scratch(text.length); // valid until the next call
 */
export function scratchArrays<T extends Record<string, ArrayType>>(types: T): (length: number) => { readonly [K in keyof T]: InstanceType<T[K]> } {
  type Arrays = { readonly [K in keyof T]: InstanceType<T[K]> };
  const make = (size: number) => Object.fromEntries(Object.entries(types).map(([name, type]) => [name, new type(size)])) as unknown as Arrays;
  let size = 1024;
  let arrays = make(size);
  return (length) => {
    if (size < length) arrays = make((size = Math.max(length, 2 * size)));
    return arrays;
  };
}
