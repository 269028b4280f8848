// Writes a brotli (.br) and a gzip (.gz) copy beside every text and wasm file of a built dist/,
// at the highest levels, so that a static host that serves precompressed files (nginx
// `gzip_static`/`brotli_static`, Caddy `file_server { precompressed br gzip }`, most CDNs) sends
// the smallest bytes without compressing on each request. Trunk runs it after each build
// (Trunk.toml); it needs only Node's own zlib.
//
//   node scripts/precompress.mjs <dir>
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2];
if (!dir) {
    console.error("usage: node scripts/precompress.mjs <dir>");
    process.exit(2);
}
const kinds = new Set([".wasm", ".js", ".css", ".html", ".svg", ".webmanifest", ".json"]);
for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!kinds.has(extname(name)) || !statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const br = brotliCompressSync(bytes, {
        params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
    });
    const gz = gzipSync(bytes, { level: 9 });
    // A file too small to gain is left alone: the host sends it as it is.
    if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
}
