// MurmurHash3, x86 32-bit (Austin Appleby's public-domain algorithm), over bytes: the stable hash of
// the hashing vectorizer. Same input, same hash, on any machine and in any run; it equals
// scikit-learn's murmurhash3_32 of the UTF-8 bytes, so token buckets agree with HashingVectorizer.

/** The signed 32-bit hash of bytes[0, length). */
export function murmur3(bytes: Uint8Array, length = bytes.length, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2] << 16;
    if (tail >= 2) k ^= bytes[blocks + 1] << 8;
    k ^= bytes[blocks];
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const encoder = new TextEncoder();

/** The signed 32-bit hash of a string's UTF-8 bytes. */
export function murmur3String(text: string, seed = 0): number {
  return murmur3(encoder.encode(text), undefined, seed);
}
