// Renders public/icons/icon.svg into the PNG sizes browsers, phones and the web manifest ask for, and favicon.ico.
// Run after changing the SVG: `npx tsx scripts/make-icons.ts`. The outputs are committed.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

const publicDir = path.resolve("public");
const svg = await readFile(path.join(publicDir, "icons", "icon.svg"));
const png = (size: number, padding = 0) =>
  sharp(svg, { density: 512 })
    .resize(size - 2 * padding, size - 2 * padding)
    // Padded icons are square tiles (phones mask or round them): the rounded corners are filled, not transparent.
    .flatten(padding > 0 ? { background: "#1f5fcc" } : false)
    .extend({ top: padding, bottom: padding, left: padding, right: padding, background: "#1f5fcc" })
    .png()
    .toBuffer();

await writeFile(path.join(publicDir, "icons", "icon-192.png"), await png(192));
await writeFile(path.join(publicDir, "icons", "icon-512.png"), await png(512));
// A maskable icon keeps its mark inside the safe zone (the inner 80 %), on the brand colour to the edge.
await writeFile(path.join(publicDir, "icons", "icon-maskable-512.png"), await png(512, 52));
await writeFile(path.join(publicDir, "icons", "apple-touch-icon.png"), await png(180, 12));

// favicon.ico: PNG images inside an ICO directory (every current browser reads them).
const sizes = [16, 32, 48];
const images = await Promise.all(sizes.map((size) => png(size)));
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, index) => {
  const entry = 6 + 16 * index;
  header.writeUInt8(size, entry);
  header.writeUInt8(size, entry + 1);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(images[index]!.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += images[index]!.length;
});
await writeFile(path.join(publicDir, "favicon.ico"), Buffer.concat([header, ...images]));
console.log("Wrote public/favicon.ico and public/icons/*.png");
