/** Saves data as a file through the browser (no server involved): transcripts, CSV and XLSX exports, studio drafts. */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // revoked once the browser has started the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
