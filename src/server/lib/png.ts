// A minimal PNG encoder (8-bit RGBA, no filter), for pictures Atrium draws itself: the demo's logo and the tests'.
import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A width x height PNG whose pixel (x, y) is `pixel(x, y)` as [r, g, b, a], each 0 to 255. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (width * 4 + 1);
    rows[at] = 0; // no filter
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), at + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A simple mark for a brand: a rounded square in `hex` (#rrggbb) with a white ring inside, `size` pixels wide. */
export function markPng(hex: string, size = 96): Buffer {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const c = (size - 1) / 2;
  const radius = size * 0.2;
  return encodePng(size, size, (x, y) => {
    // rounded corners: outside the corner circles is transparent
    const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
    const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
    if (dx * dx + dy * dy > radius * radius) return [0, 0, 0, 0];
    const d = Math.hypot(x - c, y - c);
    return d > size * 0.2 && d < size * 0.3 ? [255, 255, 255, 255] : [r, g, b, 255];
  });
}
