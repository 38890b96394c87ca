// The share target's receiving end: a rule pack shared to the installed app arrives as a multipart POST;
// it is kept in Cache Storage and the app opened to import it. Service worker thread.

import { SHARE_TARGET_FILE_FIELD, SHARED_PACK_CACHE, SHARED_PACK_PARAM } from '../core/pack-sharing';

/** Stores every shared file and redirects (303, so the page is fetched with GET) to the app. */
export async function receiveSharedPack(request: Request, scope: string): Promise<Response> {
  const app = new URL(`./?${SHARED_PACK_PARAM}`, scope).href;
  try {
    const form = await request.formData();
    const cache = await caches.open(SHARED_PACK_CACHE);
    const files = form.getAll(SHARE_TARGET_FILE_FIELD).filter((f): f is File => typeof f !== 'string');
    await Promise.all(
      files.map((file, i) =>
        cache.put(
          new URL(`./${SHARED_PACK_CACHE}/${Date.now()}-${i}`, scope).href,
          new Response(file, { headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) } }),
        ),
      ),
    );
  } catch (error) {
    // The page opens anyway; with nothing stored it imports nothing.
    console.warn('A shared rule pack could not be kept', error);
  }
  return Response.redirect(app, 303);
}
