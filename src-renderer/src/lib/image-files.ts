// Image files the user pastes or drops into the composer: which of them are images, and their bytes as the
// base64 the contract carries. A file over the size main accepts is refused here, before it is read.
import { maxImageFileBytes } from '../../../src-preload/contract';

/** The image files among pasted or dropped ones (a paste of text has none). */
export function imageFilesOf(files: FileList | readonly File[] | null | undefined): File[] {
  return [...(files ?? [])].filter((file) => file.type.startsWith('image/'));
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file's bytes as base64; throws a message for the user when it is too large to send. */
export async function imageFileBase64(file: File): Promise<string> {
  if (file.size > maxImageFileBytes)
    throw new Error(
      `Not attached: ${file.name || 'the image'} is ${mb(file.size)}; images over ${mb(maxImageFileBytes)} are refused.`,
    );
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error(`Not attached: ${file.name || 'the image'} could not be read.`));
    reader.readAsDataURL(file);
  });
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
