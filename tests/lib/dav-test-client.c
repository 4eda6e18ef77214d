/* dav-test-client.c: one request of each verb, waited for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * finish_request() (dav-test-async.c) ends every one of them: it waits
 * for the answer, and each verb's _finish would only add the check of
 * its source tag.
 */

#include "dav-test-client.h"

#include "dav-test-async.h"

DavResult *
do_propfind (DavClient   *client,
             const char  *url,
             GError     **error)
{
  return do_propfind_full (client, url, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, error);
}

typedef struct {
  DavResponseFunc func;
  gpointer        data;
} Streamed;

static void
on_streamed (DavPropfind *propfind,
             DavResponse *response,
             Streamed    *streamed)
{
  streamed->func (response, streamed->data);
}

DavResult *
do_propfind_full (DavClient          *client,
                  const char         *url,
                  DavDepth            depth,
                  DavPropfindKind     kind,
                  const char * const *names,
                  DavResponseFunc     func,
                  gpointer            func_data,
                  GError            **error)
{
  g_autoptr(DavPropfind) propfind = dav_propfind_new (depth, kind, names);
  Streamed streamed = { func, func_data };
  GAsyncResult *res = NULL;

  if (func != NULL)
    {
      dav_propfind_set_flags (propfind, DAV_PROPFIND_FLAGS_STREAM);
      g_signal_connect (propfind, "response", G_CALLBACK (on_streamed), &streamed);
    }
  dav_client_propfind_async (client, url, propfind, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_options (DavClient   *client,
            const char  *url,
            GError     **error)
{
  GAsyncResult *res = NULL;

  dav_client_options_async (client, url, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_proppatch (DavClient  *client,
              const char *url,
              GPtrArray  *patches,
              GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_proppatch_async (client, url, patches, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_mkcol (DavClient  *client,
          const char *url,
          GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_mkcol_async (client, url, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_delete (DavClient  *client,
           const char *url,
           GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_delete_async (client, url, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_copy_or_move (DavClient  *client,
                 gboolean    move,
                 const char *url,
                 const char *destination,
                 gboolean    overwrite,
                 GError    **error)
{
  GAsyncResult *res = NULL;

  if (move)
    dav_client_move_async (client, url, destination, overwrite, NULL, store_result_cb, &res);
  else
    dav_client_copy_async (client, url, destination, overwrite, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_lock (DavClient  *client,
         const char *url,
         GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_lock_async (client, url, DAV_LOCK_EXCLUSIVE, DAV_DEPTH_0, 3600, "test-client",
                         NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_unlock (DavClient  *client,
           const char *url,
           const char *token,
           GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_unlock_async (client, url, token, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_put_stream (DavClient       *client,
               const char      *url,
               GInputStream    *source,
               goffset          size,
               DavProgressFunc  progress,
               gpointer         progress_data,
               GError         **error)
{
  GAsyncResult *res = NULL;

  dav_client_put_async (client, url, source, size, "application/octet-stream", TRUE,
                        progress, progress_data, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

DavResult *
do_get (DavClient       *client,
        const char      *url,
        GOutputStream   *sink,
        DavProgressFunc  progress,
        gpointer         progress_data,
        GError         **error)
{
  GAsyncResult *res = NULL;

  dav_client_get_async (client, url, sink, progress, progress_data, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}
