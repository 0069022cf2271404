// fontkit ships no types; pdfkit only needs the parsed font object back.
declare module "fontkit" {
  export type Font = { layout(text: string): unknown; hasGlyphForCodePoint(codePoint: number): boolean };
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
