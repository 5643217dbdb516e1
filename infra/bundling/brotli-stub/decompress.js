// infra: stands in for `brotli/decompress.js` in Lambda bundles. fontkit imports it only to read WOFF2 fonts;
// the functions embed TrueType fonts (fonts/*.ttf), and the real module is 480 KB of dictionary.
export default function decompress() {
  throw new Error('WOFF2 fonts are not supported in the Lambda bundles: use the TTF fonts in FONTS_DIR');
}
