/**
 * The part of CBOR (RFC 8949) that Pagefind's index metadata is written in: unsigned integers,
 * text and arrays of definite length, each head in its shortest form. Anything else is refused
 * with where it was found, so a Pagefind that writes its metadata otherwise stops the build
 * rather than being misread. Pure.
 */
export type CborValue = number | string | CborValue[];

const UINT = 0;
const TEXT = 3;
const ARRAY = 4;

export function decodeCbor(bytes: Uint8Array): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder("utf-8", { fatal: true });
  let at = 0;
  const need = (count: number) => {
    if (at + count > bytes.length) throw new Error(`CBOR: ends at byte ${bytes.length}, inside a value at ${at}`);
  };
  const argument = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
    if (size === 0) throw new Error(`CBOR: unsupported length form ${info} at byte ${at - 1}`);
    need(size);
    const value = size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at) : view.getUint32(at);
    at += size;
    return value;
  };
  const item = (): CborValue => {
    need(1);
    const head = view.getUint8(at++);
    const major = head >> 5;
    const value = argument(head & 31);
    if (major === UINT) return value;
    if (major === TEXT) {
      need(value);
      const decoded = text.decode(bytes.subarray(at, at + value));
      at += value;
      return decoded;
    }
    if (major === ARRAY) return Array.from({ length: value }, item);
    throw new Error(`CBOR: unsupported major type ${major} at byte ${at - 1}`);
  };
  const value = item();
  if (at !== bytes.length) throw new Error(`CBOR: ${bytes.length - at} bytes after the value`);
  return value;
}

export function encodeCbor(value: CborValue): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = (major: number, argument: number) => {
    if (!Number.isInteger(argument) || argument < 0 || argument > 0xffff_ffff) throw new Error(`CBOR: cannot encode ${argument}`);
    if (argument < 24) return parts.push(Uint8Array.of((major << 5) | argument));
    const size = argument < 0x100 ? 1 : argument < 0x1_0000 ? 2 : 4;
    const bytes = new Uint8Array(1 + size);
    const view = new DataView(bytes.buffer);
    view.setUint8(0, (major << 5) | (size === 1 ? 24 : size === 2 ? 25 : 26));
    if (size === 1) view.setUint8(1, argument);
    else if (size === 2) view.setUint16(1, argument);
    else view.setUint32(1, argument);
    return parts.push(bytes);
  };
  const encoder = new TextEncoder();
  const item = (value: CborValue) => {
    if (typeof value === "number") head(UINT, value);
    else if (typeof value === "string") {
      const bytes = encoder.encode(value);
      head(TEXT, bytes.length);
      parts.push(bytes);
    } else {
      head(ARRAY, value.length);
      for (const element of value) item(element);
    }
  };
  item(value);
  return Buffer.concat(parts);
}
