import type { Document } from "./document.ts"; export async function readPdf(_b: Uint8Array): Promise<Document> { throw new Error("todo"); }
