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

/**
 * Result arrays carved from shared blocks. A typed array of more than 64 bytes keeps its memory
 * outside the heap: making one and freeing it costs ~1 µs, six times a view into a block, and
 * normalising and fingerprinting made seven per paragraph. A block lives as long as any view into
 * it, so carved arrays suit results that live about as long as one another (a document's
 * paragraphs); a request of more than an eighth of a block gets an array of its own.
 *
 *     const int32s = carver(Int32Array);
 *     const map = int32s(n); // n elements, zero-filled, never handed out again
 */
export function carver<T extends ArrayType>(type: T, blockLength = 4096): (length: number) => InstanceType<T> {
  let block = new type(blockLength) as InstanceType<T>;
  let used = 0;
  return (length) => {
    if (length > blockLength >> 3) return new type(length) as InstanceType<T>;
    if (used + length > blockLength) (block = new type(blockLength) as InstanceType<T>), (used = 0);
    used += length;
    return block.subarray(used - length, used) as InstanceType<T>;
  };
}
