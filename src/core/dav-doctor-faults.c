/* dav-doctor-faults.c: the catalogue of every server fault the doctor reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One static table, in sections that follow the order of the checks. Each
 * fault has a stable id (the ids of docs/clients.md, and more for faults
 * no client study covers), a severity, the RFC section it breaks, a title
 * and an explanation for the server's maintainers, and what it does to the
 * seven clients of docs/clients.md with the evidence found there (the
 * summary matrix of docs/clients.md and the effects here must agree:
 * tests/core/test-doctor-faults.c compares them).
 *
 * Severity: an error breaks a MUST of RFC 4918 or RFC 9110; a warning is
 * allowed, or only breaks a SHOULD, but breaks some clients or the tools
 * that rely on it (docs/clients.md, "What this means for the doctor");
 * info is worth knowing and breaks nothing. A check that knows a case is
 * worse or milder says so with dav_doctor_report_full ().
 *
 * Adding a fault: one entry at the end of the section of the check that
 * reports it; its impacts in IMPACTS () when docs/clients.md says what it
 * does to clients, NULL when nobody studied it. Words go in N_(), the
 * evidence stays untranslated.
 */

#include "dav-doctor-faults.h"

#include <glib/gi18n-lib.h>

/* The impacts of one fault, terminated as dav-doctor-faults.h says. */
#define IMPACTS(...) ((const DavClientImpact[]) { __VA_ARGS__, { DAV_N_CLIENTS } })

/* docs/clients.md has nothing on the Windows redirector for most faults:
 * say so rather than guess. */
#define WINDOWS_UNKNOWN \
  { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_UNKNOWN, N_("No public evidence."), "?" }

/* Impacts that several faults share; the sections below say which. */

/* multistatus-malformed, and propfind-truncated: docs/clients.md counts a
 * body cut short as one way of being malformed. */
static const DavClientImpact impacts_malformed[] = {
  { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
    N_("The operation fails with “Could not parse response”; nothing partial is shown."),
    "S gvfsbackenddav.c:817–846 parse_xml; R github.com/golang/go/issues/10506 (duplicate xmlns attributes rejected by gvfs and Windows)" },
  { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_BREAKS,
    N_("The folder or file is reported as “does not exist”, because an unparsable answer holds no entries."),
    "S http.cpp davStatList (hasResponse false → ERR_DOES_NOT_EXIST)" },
  { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
    N_("The listing fails; a look at a single item keeps whatever was read before the break."),
    "S webdav_parse.c parse_opendir (l.1570–1571), parse_stat (l.1870, result unused)" },
  { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
    N_("Rejects the answer: duplicate xmlns attributes made mounting fail."),
    "R github.com/golang/go/issues/10506" },
  { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
    N_("The listing fails with the XML error (“unexpected EOF”); nothing partial is listed."),
    "S* lib/rest/rest.go:199 DecodeXML + Go encoding/xml" },
  { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
    N_("The PROPFIND fails and the program sees an input/output error (EIO)."),
    "S neon src/ne_xmlreq.c parse_error; davfs2 src/webdav.c:1411 get_ne_error" },
  { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_BREAKS,
    N_("Shows “Not a valid DAV response” as an interoperability error."),
    "S SaxPropFindResponseHandler.getMultistatus; DAVExceptionMappingService.map" },
  { DAV_N_CLIENTS }
};

/* href-foreign, and href-outside: the rows of docs/clients.md are about
 * hrefs whose path is not under the folder, which is what href-outside is. */
static const DavClientImpact impacts_href_foreign[] = {
  { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
    N_("Only the path of an href is used and the last segment is shown as the name, wherever the path points."),
    "S gvfsbackenddav.c:980–988 multistatus_get_response, :248 path_equal" },
  { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
    N_("Only the last path segment is used as the name; origin and prefix are ignored."),
    "S http.cpp davStatList (QUrl(href.text()), path comparison)" },
  { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
    N_("An href with a shorter foreign path is taken for the folder itself and dropped; a longer one becomes a member named by its last segment."),
    "S webdav_parse.c GetNormalizedPathLength, GetComponentName (l.1418–1535)" },
  WINDOWS_UNKNOWN,
  { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
    N_("The folder silently lists as empty: every entry whose path does not start with the folder's path is skipped."),
    "S webdav.go:845–852 listAll" },
  { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
    N_("The folder silently lists as empty: an href whose path does not start with the folder's path is dropped."),
    "S src/webdav.c:1884–1887 prop_result" },
  { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
    N_("The last path segment is used as the name; origin and prefix are ignored."),
    "S DAVListService.list" },
  { DAV_N_CLIENTS }
};

/* depth-infinity, and depth-infinity-refused-no-precondition: the section
 * of docs/clients.md covers both. */
static const DavClientImpact impacts_depth_infinity[] = {
  { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
    N_("Never asks for Depth: infinity (only 0 and 1)."),
    "S gvfs propfind_request_new callers (depth 0, 1)" },
  { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
    N_("Never asks for Depth: infinity in a PROPFIND (only 0 and 1)."),
    "S KIO davStatList" },
  { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_NA,
    N_("Never asks for Depth: infinity (only 0 and 1)."),
    "S webdavfs Depth headers (l.2610–5532)" },
  { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_UNKNOWN,
    N_("The reports found show Depth 0; whether it ever asks for infinity is unknown."),
    "R github.com/golang/go/issues/11177 (MiniRedir PROPFIND Depth 0)" },
  { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
    N_("Never asks for Depth: infinity (only 0 and 1)."),
    "S rclone defaultDepth" },
  { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_NA,
    N_("Never asks for Depth: infinity (only 0 and 1)."),
    "S davfs2 NE_DEPTH_ONE/ZERO" },
  { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
    N_("Never asks for Depth: infinity (only 1)."),
    "S Cyberduck DAVListService.list (depth 1)" },
  { DAV_N_CLIENTS }
};

/* mkcol-status, and the two faults it is made of. */
static const DavClientImpact impacts_mkcol_status[] = {
  { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
    N_("405 is shown as “Target file already exists” and 409 as “No such file or directory” (since gvfs 1.56.1); other codes as a generic HTTP error."),
    "S gvfsbackenddav.c:3245–3282 make_directory_cb; history: commit 1c9fbc10" },
  { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
    N_("405 is shown as “folder already exists” and 409 as “intermediate collections must be created”; other codes as a generic error."),
    "S http.cpp mkdir, davError" },
  { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
    N_("405 becomes “Operation not permitted” and 409 “No such file or directory”; Finder checks for an existing name itself first."),
    "S webdav_network.c:5587 network_mkdir, translate_status_to_error" },
  WINDOWS_UNKNOWN,
  { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
    N_("Relies on both: 405 means “already exists” and 409 makes it create the parents; a 405 for a missing parent makes it believe in a folder that is not there, and the next upload into it fails."),
    "S webdav.go:1029–1080 _mkdir, mkdir" },
  { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
    N_("Checks its cached listing first; a 405 then comes back as ENOENT and a 409 as EINVAL."),
    "S src/cache.c:1046–1064 dav_mkdir; src/webdav.c:982 dav_make_collection, :1411" },
  { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
    N_("Any 2xx is success; errors are shown through the general HTTP error mapping."),
    "S sardine SardineImpl.createDirectory (VoidResponseHandler)" },
  { DAV_N_CLIENTS }
};

/* options-class2-no-lock, and lock-unsupported (the LOCK itself fails):
 * the section of docs/clients.md covers a LOCK answered 405/501. */
static const DavClientImpact impacts_class2_no_lock[] = {
  { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
    N_("Never locks."),
    "S" },
  { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
    N_("Never locks in file operations."),
    "S" },
  { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
    N_("The mount is writable because of the DAV header, then every open for writing sends LOCK and fails when the LOCK fails."),
    "S webdav_network.c translate_status_to_error (l.934, 405 → EPERM), network_lock (l.5192)" },
  { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
    N_("A LOCK that fails makes uploads fail (reported); whether Allow is read is unknown."),
    "R github.com/arut/nginx-dav-ext-module/issues/16" },
  { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
    N_("Never locks."),
    "S" },
  { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
    N_("Every open for writing first sends LOCK and fails with it, so editors cannot save (workaround: use_locks 0)."),
    "S src/cache.c:1138–1140 dav_open, src/webdav.c:1411 get_ne_error" },
  { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
    N_("Only locks when the preference webdav.lock.enable is on."),
    "S DAVSession._getFeature" },
  { DAV_N_CLIENTS }
};

static const DavDoctorFault faults[] = {
  /* ---- connection and authentication ---- */

  /* TLS: RFC 9110 §4.3.4 makes the client verify the certificate, so a
   * certificate no client can verify is an error whatever the server
   * means by it. A redirect, a refused login or HTTP/1.0 are allowed.
   * Basic over http: RFC 4918 §20.1 forbids using it on an insecure
   * connection, but what the doctor sees is the server's offer; whether a
   * password crosses in clear is the client's choice (Windows declines),
   * so a warning, as docs/clients.md has it (RFC 7617 §4 says why). */
  { "tls-untrusted", DAV_DOCTOR_ERROR, "RFC 9110 §4.3.4",
    N_("The TLS certificate is not trusted"),
    N_("The server's certificate does not lead to a certificate authority this system trusts: it is self-signed, or the server does not send the intermediate certificates. Clients refuse such a connection unless the user accepts the certificate, which not every client offers. Use a certificate from a public authority (Let's Encrypt) and send the whole chain."),
    NULL },
  { "tls-expired", DAV_DOCTOR_ERROR, "RFC 9110 §4.3.4",
    N_("The TLS certificate has expired or is not valid yet"),
    N_("The server's certificate is outside its validity dates. Clients refuse the connection, or ask the user to accept a certificate that no longer proves anything. Renew the certificate, and check that the server's clock is right."),
    NULL },
  { "tls-name-mismatch", DAV_DOCTOR_ERROR, "RFC 9110 §4.3.4",
    N_("The TLS certificate is for another name"),
    N_("The certificate does not name the host in the address, so it does not prove that this is the server the user asked for. Clients refuse the connection. Use a certificate whose subject alternative names include this host name."),
    NULL },
  { "http-1.0", DAV_DOCTOR_INFO, "RFC 9110 §2.5",
    N_("The server answers with HTTP/1.0"),
    N_("The server, or a proxy in front of it, speaks HTTP/1.0: no chunked bodies, no 100 Continue, and by default a new connection for every request. WebDAV works over it, but slowly, and uploads of unknown length cannot be streamed. Let the server or the proxy speak HTTP/1.1."),
    NULL },
  { "redirect-http-https", DAV_DOCTOR_WARNING, "RFC 9110 §15.4",
    N_("Plain HTTP is redirected to HTTPS"),
    N_("The http address answers every request, WebDAV methods included, with a redirect to https. Redirecting is allowed, but several clients do not follow a redirect for PROPFIND or change the method to GET, so a share added with the http address does not work. Tell users the https address; the redirect then only helps web browsers."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting fails with “HTTP Error: Moved Permanently”: the mount's OPTIONS does not follow a redirect to another address, and gvfs before 1.60.1 followed none at all."),
        "S gvfsbackenddav.c:470–570 dav_send_async_with_redir_cb (:530, :548), :2588, :2788 (message_add_redirect_header), :638 (SOUP_MESSAGE_NO_REDIRECT); history: commits ae063bc3 \"reviving dead redirect check\", 6cdc2cf5 \"no HTTP scheme downgrade\" (first in 1.60.1)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Every redirect moves the whole job to the new address."),
        "S http.cpp handleRedirection" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Mounting and looking at items follow redirects; MOVE, DELETE and LOCK do not."),
        "S webdav_network.c network_mount, send_transaction" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_UNKNOWN,
        N_("Unknown for the change of scheme; redirects in general are reported to be mishandled."),
        "R github.com/BytemarkHosting/docker-webdav/issues/13" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
        N_("A 301, 302 or 303 turns the PROPFIND into a GET, whose answer is then read as a listing: an XML error or an empty folder."),
        "S webdav.go:372–379 (comment); S* Go net/http redirect rules; lib/rest/rest.go:241 PreserveMethodRedirectFn (stat only)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Redirects are not followed, so the mount fails."),
        "S src/webdav.c:395–396, :1394, :1411" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Follows redirects for PROPFIND, GET and HEAD, and offers to switch the bookmark to https."),
        "S DAVSession.alert, DAVRedirectStrategy" }) },
  { "redirect-other-origin", DAV_DOCTOR_WARNING, "RFC 9110 §15.4",
    N_("The folder redirects to another server"),
    N_("The address answers with a redirect to another host or port. Many clients drop the login when they are sent to another origin, and several do not follow redirects for WebDAV methods at all, so the share only works if the users are given the final address. Serve the share at the address you publish, or publish the address it redirects to."),
    NULL },
  { "collection-redirect-301", DAV_DOCTOR_INFO, "RFC 4918 §5.2",
    N_("A folder without its trailing slash is redirected"),
    N_("Asking for the folder without the slash at its end gets a 301 redirect to the address with the slash, as Apache does by default. RFC 4918 allows it, but the client must then repeat the request, and the Windows redirector, which asks without the slash, mishandles it. Answering the request as if the slash were there (Apache: DirectorySlash Off for the share) avoids the detour."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Follows a redirect that only adds the slash, for every method."),
        "S gvfsbackenddav.c:530–546 dav_send_async_with_redir_cb, :340–350 g_vfs_backend_dav_uri_for_path" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("A listing is repeated at the new address, but a MOVE of a folder named without the slash fails with “An unexpected error (301)”."),
        "S http.cpp handleRedirection, rename (comment citing bugs.kde.org 209508 and 187970, code disabled)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Follows redirects when mounting and looking at items; MOVE and DELETE do not follow them."),
        "S webdav_network.c network_mount (l.2817–2826), send_transaction (l.2279), network_rename (REDIRECT_DISABLE)" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Asks for folders without the slash and mishandles the 301: folders look empty and new folders cannot be made (reported)."),
        "R github.com/BytemarkHosting/docker-webdav/issues/13; github.com/vaggeliskls/webdav-server/pull/27" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Lists folders with the slash, and follows the redirect keeping the method when it looks at a single item."),
        "S webdav.go:435 dirPath, :348–379 readMetaDataForPath (PreserveMethodRedirectFn)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Asks for folders with the slash, so it does not meet the redirect when listing."),
        "S src/webdav.c:1394 (NE_REDIRECT → ENOENT), :1411 get_ne_error (301 → ENOENT)" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Follows redirects for PROPFIND, GET and HEAD, not for PUT."),
        "S DAVRedirectStrategy; defaults webdav.redirect.*.follow in Preferences" }) },
  { "server-error", DAV_DOCTOR_ERROR, "RFC 9110 §15.6",
    N_("An ordinary request failed with a server error"),
    N_("The server answered a well-formed request with a 5xx status: it failed on its own side. Clients show a generic error, and what the request should have done did not happen. The server's error log says why; a proxy answering 502 or 504 points at the connection between the proxy and the WebDAV server."),
    NULL },
  { "basic-over-http", DAV_DOCTOR_WARNING, "RFC 4918 §20.1",
    N_("The password is asked for over plain HTTP"),
    N_("The server asks for a Basic login over http, so the password crosses the network unencrypted and anyone on the way can read it. Windows refuses Basic over http by default, and some clients warn. Serve the share over https only."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Sends the password without a warning."),
        "S* gvfsbackenddav.c:1700 soup_authenticate + libsoup auth manager" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Sends the password without a warning."),
        "S* http.cpp makeRequest (authenticationRequired)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Sends it but logs that credentials are sent insecurely; refuses when mounted with -s."),
        "S webdav_authcache.c:179–207, :355–378; mount_webdav.8 (-s)" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Uses Basic only over TLS by default, so mapping the share fails, often without a login dialog, until BasicAuthLevel is set to 2."),
        "D blogs.iis.net/robert_mcmurray/webdav-redirector-registry-settings; technet.microsoft.com/en-us/library/cc787023 (WebDAV Redirector, Server 2003 SP1: Basic over a clear channel disabled); R github.com/dgraziotin/docker-nginx-webdav-nononsense/issues/8, github.com/danmunn/redmine_dmsf/issues/1440" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Sends Basic with every request as soon as a user is configured, whatever the scheme."),
        "S lib/rest/rest.go:109 SetUserPass; webdav.go NewFs (RefuseHTTPSDowngradeRedirectFn); history: commit 59b513b0 (GHSA-h4mf-4v27-hggj, first in v1.75.0)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Sends the password without a warning."),
        "S src/webdav.c:407; neon src/ne_auth.c:1740" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Sends Basic up front and warns about the unsecured connection."),
        "S DAVSession.login, DAVSession.alert; Preferences defaults" }) },
  { "401-no-challenge", DAV_DOCTOR_ERROR, "RFC 9110 §15.5.2",
    N_("401 Unauthorized without a WWW-Authenticate header"),
    N_("The server refuses the request with 401 but does not say how to log in: RFC 9110 requires a WWW-Authenticate header with every 401. Without it most clients never ask the user for a password and just fail. Send the challenge (for example WWW-Authenticate: Basic realm=\"files\") with the 401."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("No password prompt: mounting fails with “HTTP Error: Unauthorized”."),
        "S* gvfsbackenddav.c:2350–2360 + libsoup (no challenge, no authenticate signal); S :2308–2333 (403 retry)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_BREAKS,
        N_("“Access denied” without a password prompt."),
        "S* http.cpp makeRequest (AuthenticationRequiredError → ERR_ACCESS_DENIED)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
        N_("Cannot build a login from the answer, so the request fails."),
        "S webdav_authcache.c:487–490" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Not affected when a user is configured, because it sends the login up front."),
        "S lib/rest/rest.go:109" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Never starts a login without the challenge; the mount fails without asking."),
        "S neon src/ne_auth.c:1615–1672 ah_post_send; davfs2 src/webdav.c:1411" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Not affected for Basic, which it sends up front; other schemes need the challenge."),
        "S DAVSession.login; S* Apache HttpClient" }) },
  /* A 403 is allowed: the server may refuse whoever asks. It is a
   * warning because a client that would have logged in never learns it
   * could. */
  { "auth-403-not-401", DAV_DOCTOR_WARNING, "RFC 9110 §15.5.4",
    N_("Refused with 403 where a login would help"),
    N_("A request without a login was refused with 403 Forbidden, yet the same request with a login succeeds. 403 tells clients that logging in will not help, so they never ask the user for a password. Answer requests without a login with 401 and a WWW-Authenticate challenge."),
    NULL },
  { "auth-login-refused", DAV_DOCTOR_INFO, "RFC 9110 §15.5.2",
    N_("The login given was refused"),
    N_("The server answered 401 to the user name and password given to the doctor, so the checks that need a login were not run. This is not a fault of the server unless the login is right. Check the user name and password, and run the doctor again."),
    NULL },
  /* Not a fault of the WebDAV, but nothing else can be checked: the
   * finding says what the connection met (refused, no such host, a
   * timeout). */
  { "connection-failed", DAV_DOCTOR_ERROR, "RFC 9110 §4.2.1",
    N_("No connection to the server"),
    N_("The doctor could not get an answer from the address: the connection was refused, the host name is unknown, or nothing came back in time. No client can use the share either. Check the address and the port, and that the server is running and reachable from this machine."),
    NULL },

  /* ---- OPTIONS ---- */

  /* RFC 4918 §10.1: every DAV resource MUST answer OPTIONS with a DAV
   * header naming class 1; §18.2: class 2 MUST meet class 1 and support
   * LOCK. Class 2 itself is optional, so lacking it is a warning (Finder
   * and Windows need it to write). Allow is a SHOULD (RFC 9110 §9.3.7). */
  { "options-failed", DAV_DOCTOR_ERROR, "RFC 4918 §10.1",
    N_("OPTIONS failed"),
    N_("The server did not answer OPTIONS on the folder with a success. Clients that mount a share (GNOME Files, Finder, davfs2, Windows) send OPTIONS first to learn whether the folder speaks WebDAV, and refuse to mount without a DAV header in its answer. Let OPTIONS through to the WebDAV module, also without a login if the rest needs one only after it."),
    NULL },
  { "options-no-dav-header", DAV_DOCTOR_ERROR, "RFC 4918 §10.1",
    N_("OPTIONS has no DAV header"),
    N_("The server answered OPTIONS without a DAV header, so it does not say that the folder speaks WebDAV. Clients that check it refuse to mount the share. Make sure the WebDAV module answers OPTIONS for this folder (and, for Windows, for the server's root) and sends DAV: 1 or DAV: 1, 2."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting fails with “Not a WebDAV enabled share”."),
        "S daemon/gvfsbackenddav.c:2337 try_mount_opts_cb (sm_has_header (msg_opts, \"DAV\"))" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never sends OPTIONS."),
        "S http.cpp (no OPTIONS request anywhere in the worker; methodToString only)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting fails: “WebDAV protocol not supported”."),
        "S mount.tproj/webdav_network.c ParseDAVLevel (l.2373), network_mount (l.2835–2848)" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mapping fails, and Windows remembers for a while that the host is no WebDAV server, so a fixed server keeps failing until that expires."),
        "D blogs.iis.net/robert_mcmurray/webdav-redirector-registry-settings (the caching); R sourceforge.net/p/coils/wiki/MSRedirector (root OPTIONS, 60 s); Interop-Wiki.txt in webdav-interop-1.2-sources.jar, artifactory.eanadev.org/artifactory/libs-release/net/java/dev/webdav/webdav-interop/1.2/ (root must be WebDAV-enabled)" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Never sends OPTIONS."),
        "S backend/webdav/webdav.go (no OPTIONS request)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting fails with “the server does not support WebDAV”, unless ignore_dav_header is set."),
        "S src/webdav.c:532 dav_init_connection; neon ne_basic.c:379 parse_dav_header" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
        N_("Never sends OPTIONS: it logs in with a HEAD."),
        "S DAVSession.login" }) },
  { "options-class2-without-1", DAV_DOCTOR_ERROR, "RFC 4918 §18.2",
    N_("The DAV header names class 2 but not class 1"),
    N_("The server's DAV header says “2” without “1”, as nginx's dav-ext module does. Class 2 is defined on top of class 1, so a server must list both; davfs2 reads the missing 1 as “no WebDAV” and refuses to mount. Send DAV: 1, 2."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Any DAV header is enough."),
        "S gvfsbackenddav.c:2337" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never sends OPTIONS."),
        "S" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Takes the highest class it sees, so “2” alone gives a writable mount."),
        "S webdav_network.c ParseDAVLevel (l.2437–2444)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Never sends OPTIONS."),
        "S" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting fails with “the server does not support WebDAV” (workaround: ignore_dav_header 1)."),
        "S src/webdav.c:532–541 dav_init_connection; neon src/ne_basic.c:379–431 (parse_dav_header, ne_options2)" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
        N_("Never sends OPTIONS."),
        "S DAVSession.login" }) },
  { "options-no-class-2", DAV_DOCTOR_WARNING, "RFC 4918 §18.2",
    N_("The server does not offer locks (no DAV class 2)"),
    N_("The DAV header names class 1 only, so the server does not support LOCK. That is allowed, but Finder then mounts the share read-only, Windows Explorer cannot upload, and davfs2 writes without protection against other writers. Enable the WebDAV module's locking (a lock database) if users use these clients."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Mounts the share read-only."),
        "S webdav_network.c network_mount (l.2835–2839); R sabre.io/dav/clients/finder, github.com/mikedeboer/jsDAV/wiki/Finder" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Reported to need LOCK to write: uploads from Explorer fail silently and Explorer hangs."),
        "R github.com/arut/nginx-dav-ext-module/issues/16; github.com/ltworf/weborf/issues/78; docs.rs/webdav-handler/0.2.0/webdav_handler/fakels (server library documentation stating this for Windows and macOS)" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Warns “the server does not support locks” and writes without them."),
        "S src/webdav.c:541–548" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Only locks when the preference webdav.lock.enable is on."),
        "S DAVSession._getFeature (webdav.lock.enable)" }) },
  { "options-class2-no-lock", DAV_DOCTOR_ERROR, "RFC 4918 §18.2",
    N_("Class 2 is claimed, but LOCK is not allowed"),
    N_("The DAV header promises locking (class 2), but LOCK is missing from the Allow header or fails. Clients that lock because of the header, Finder and davfs2, then cannot save any file. Either make LOCK work (a lock database for the WebDAV module) or stop announcing class 2."),
    impacts_class2_no_lock },
  { "options-no-allow", DAV_DOCTOR_WARNING, "RFC 9110 §9.3.7",
    N_("OPTIONS has no Allow header"),
    N_("The server answered OPTIONS without an Allow header listing the methods the folder accepts. RFC 9110 says a server should send it, and tools use it to learn whether PROPFIND, PROPPATCH or LOCK are there before trying them. Send Allow with the methods the folder supports."),
    NULL },
  { "options-allow-incomplete", DAV_DOCTOR_WARNING, "RFC 9110 §10.2.1",
    N_("Allow lacks methods the server supports"),
    N_("The Allow header of OPTIONS leaves out PROPFIND or, while the DAV header claims class 2, LOCK or UNLOCK. Allow is meant to list what the folder accepts, so a client that reads it believes the method is missing. List every WebDAV method the folder supports, or stop claiming what it does not."),
    NULL },
  { "options-no-accept-ranges", DAV_DOCTOR_INFO, "RFC 9110 §14.3",
    N_("No Accept-Ranges header"),
    N_("The server does not say with Accept-Ranges: bytes that it can send parts of a file. Ranges may still work; the GET and HEAD check tries one. Sending the header lets players and download tools resume and seek without guessing."),
    NULL },

  /* ---- PROPFIND and the 207 ---- */

  /* The 207 and its body are MUSTs of RFC 4918 §9.1, §13, §14 and of XML
   * itself: errors. A content type or an escape the clients forgive is
   * still what RFC 4918 §8.2 and §8.3 ask for; the default namespace and
   * the size of an answer are no RFC fault at all (info, for Windows). */
  { "propfind-failed", DAV_DOCTOR_ERROR, "RFC 4918 §9.1",
    N_("PROPFIND on the folder was not answered with 207 Multi-Status"),
    N_("The server answered the PROPFIND on the folder with an error or another status than 207, so no client can list the folder. KDE Dolphin even shows an XML error body as an empty folder instead of the error. Check that the WebDAV module handles PROPFIND for this address and that the account may read it."),
    IMPACTS (
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Does not check the status of a PROPFIND: a 403 or 404 with an XML error body lists as an empty folder instead of an error."),
        "S http.cpp HTTPProtocol::davStatList (hasResponse)" }) },
  { "propfind-200-not-207", DAV_DOCTOR_ERROR, "RFC 4918 §9.1",
    N_("PROPFIND answered 200, not 207 Multi-Status"),
    N_("The server sent the multistatus body with 200 OK instead of 207 Multi-Status. GNOME Files then refuses to mount, and davfs2 throws the body away and shows the folder as empty without any error. Answer PROPFIND with 207."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting and opening files fail with “HTTP Error: OK” or “Response invalid”: those paths need exactly 207."),
        "S gvfsbackenddav.c:1495 stat_location_end, :1579 stat_location_cb, try_open_stat_done; listing: :808 parse_xml accepts any 2xx" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Does not check the status and reads the body."),
        "S http.cpp HTTPProtocol::davStatList (hasResponse)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Takes any 2xx as success and reads the body."),
        "S webdav_network.c:934 translate_status_to_error" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Reads any 2xx as XML."),
        "S lib/rest/rest.go:410 (CallXML, 2xx check), backend/webdav/webdav.go listAll" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("The folder silently looks empty: only a 207 body is read, yet the request counts as a success, so every cached entry is removed."),
        "S neon src/ne_props.c:139–143 propfind; src/ne_xmlreq.c:89–130; tag 0.32.5 src/ne_props.c:140–150; davfs2 src/cache.c:2178–2215 update_directory" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Takes any 2xx and reads the body."),
        "S sardine impl/handler/ValidatingResponseHandler.java, MultiStatusResponseHandler.java" }) },
  { "propfind-content-type", DAV_DOCTOR_WARNING, "RFC 4918 §8.2",
    N_("The 207 is not labelled as XML, or its charset is wrong"),
    N_("The 207 answer's Content-Type is missing or not an XML type, or its charset disagrees with the XML declaration. Newer davfs2 (neon 0.37 and later) ignores a body not labelled as XML and shows an empty folder, and rclone cannot read a body declared in an encoding other than UTF-8. Send Content-Type: application/xml; charset=utf-8 and encode the body in UTF-8."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Ignores the header and reads the encoding from the document."),
        "S gvfsbackenddav.c:817 parse_xml (xmlReadIO with no encoding)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Ignores the header and parses the bytes."),
        "S http.cpp davStatList" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Ignores the header and parses the bytes."),
        "S webdav_parse.c parse_opendir (l.1570)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Ignores the header, but a body declared as ISO-8859-1 or any encoding other than UTF-8 fails to parse and the listing fails."),
        "S* lib/rest/rest.go:199 DecodeXML (no CharsetReader set) + Go encoding/xml behaviour" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("With neon 0.37 or later a body not labelled as XML is dropped and the folder silently looks empty; older neon (Debian 12) copes."),
        "S neon src/ne_xmlreq.c:71–82 media_type_is_xml, :101–113 (charset), src/ne_props.c:139; tag 0.32.5 src/ne_props.c:140 (body reader on any 207, no type check); history: neon commit 1363ce8 \"propfind: switch to ne_xml_dispatchif_request\" (first in 0.37.0); davfs2 src/cache.c:2178" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Ignores the charset and parses the stream."),
        "S SaxPropFindResponseHandler.getMultistatus" }) },
  { "multistatus-malformed", DAV_DOCTOR_ERROR, "RFC 4918 §13",
    N_("The 207 body is not well-formed XML"),
    N_("The server's multistatus body is not well-formed XML (or its root is not DAV:multistatus), so no client can read it. Every client fails the listing or shows a misleading error such as “does not exist”. Fix the server's XML output; the line and column in the finding say where it breaks."),
    impacts_malformed },
  { "propfind-truncated", DAV_DOCTOR_ERROR, "RFC 9112 §8",
    N_("The 207 body was cut short"),
    N_("The answer ended before its end: fewer bytes than its Content-Length, a chunked body without its last chunk, or an XML document that stops half-way. Clients fail the whole listing, because an unfinished document cannot be read. Look for a timeout, a size limit or a crash in the server or a proxy while it writes large listings."),
    impacts_malformed },
  { "multistatus-undeclared-prefix", DAV_DOCTOR_ERROR, "RFC 4918 §17",
    N_("The XML uses a namespace prefix it never declares"),
    N_("An element of the server's XML (a 207, an error body or a PROPPATCH answer) has a prefix such as D: with no xmlns:D declaration, as lighttpd's error and PROPPATCH bodies do. Such a document is not namespace-well-formed: GNOME Files, KDE Dolphin and davfs2 reject it. Declare every prefix used (xmlns:D=\"DAV:\") on the root element."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("The root element is not recognised in a 207 to PROPFIND, so the operation fails with “Unexpected reply from server”."),
        "S* gvfsbackenddav.c:842 (root name compared to multistatus) + libxml2's tree builder (an unbound prefix stays part of the element name)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_BREAKS,
        N_("A 207 to PROPFIND with an undeclared prefix does not parse, so the item is reported as not existing."),
        "S* http.cpp davStatList (UseNamespaceProcessing) + Qt's XML reader (an undeclared prefix is an error); S rename, copy, del (DataMode::Discard)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Matches elements by local name and ignores namespaces."),
        "S* webdav_parse.c parser_opendir_create (l.377–), parse_opendir (l.1570) + libxml2 (namespace errors are not fatal; the local name reaches a custom SAX2 handler)" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_UNKNOWN,
        N_("No public evidence for undeclared prefixes."),
        "?" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Elements with an undeclared prefix do not match, so entries come out as empty files without a date, or are left out."),
        "S* backend/webdav/api/types.go (tags \"DAV: …\"), Go encoding/xml name translation; R github.com/AsterCommunity/AsterDrive/pull/256 (a server fixed its prefix declarations \"for clients like rclone\")" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Rejects the document: the PROPFIND fails with an input/output error, and an error body loses the members' statuses."),
        "S neon src/ne_xml.c:309–316" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Matches local names only."),
        "S SaxPropFindResponseHandler.SaxHandler.startElement" }) },
  { "multistatus-default-namespace", DAV_DOCTOR_INFO, NULL,
    N_("The 207 uses DAV: as the default namespace"),
    N_("The multistatus body declares DAV: as the default namespace (xmlns=\"DAV:\") instead of binding it to a prefix. That is correct XML, but the Windows redirector was reported to fail on it. Binding DAV: to a prefix (xmlns:D=\"DAV:\") is the safer form."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Matches elements by namespace, whatever the prefix."),
        "S gvfsbackenddav.c:685 node_has_name_ns" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Matches elements by namespace, whatever the prefix."),
        "S http.cpp davStatList, davParsePropstats" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Matches local names only."),
        "S webdav_parse.c parser_opendir_create" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Reported not to understand a default DAV: namespace: a server had to switch to prefixed elements before Windows 7 could connect."),
        "R github.com/golang/go/issues/11177; Interop-Wiki.txt in webdav-interop-1.2-sources.jar (address above; Java WebDAV interop notes: Microsoft needed a prefix)" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Resolves namespaces."),
        "S* api/types.go tags + Go encoding/xml" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Resolves default namespaces."),
        "S neon src/ne_xml.c resolve_nspace" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Matches local names only."),
        "S SaxPropFindResponseHandler" }) },
  { "propfind-response-too-large", DAV_DOCTOR_INFO, NULL,
    N_("The listing is larger than Windows accepts"),
    N_("The Depth: 1 answer for this folder is larger than about 1 MB. The Windows redirector refuses listings above 1,000,000 bytes unless FileAttributesLimitInBytes is raised in the registry. Smaller folders, or fewer properties in allprop answers, keep it under the limit."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("No limit found."),
        "S (absence of a limit in the paths read)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("No limit found."),
        "S (absence of a limit in the paths read)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("No limit found."),
        "S (absence of a limit in the paths read)" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("The listing fails above FileAttributesLimitInBytes (1,000,000 bytes by default)."),
        "D blogs.iis.net/robert_mcmurray/webdav-redirector-registry-settings" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("No limit found."),
        "S (absence of a limit in the paths read)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("No limit found; the answer is read as a stream."),
        "S (absence of a limit in the paths read)" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("No limit found."),
        "S (absence of a limit in the paths read)" }) },
  { "response-no-href", DAV_DOCTOR_ERROR, "RFC 4918 §14.24",
    N_("An entry of the 207 has no href"),
    N_("A DAV:response element has no DAV:href, or an empty one, so nobody can tell which item it describes. Most clients skip it, but Cyberduck cannot list the folder at all. Give every response the href of its item."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Skips the entry."),
        "S gvfsbackenddav.c:932–975 multistatus_get_response (returns FALSE), callers continue" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Skips the entry."),
        "S http.cpp davStatList (href.isNull() branch)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Skips the entry."),
        "S webdav_parse.c parse_opendir (l.1623–1625)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Takes the entry for the folder itself and ignores it."),
        "S webdav.go:843–867 listAll" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Skips the entry."),
        "S neon src/ne_207.c:156 start_element, :198–220" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_BREAKS,
        N_("The whole folder cannot be listed: an uncaught error on the missing href."),
        "S sardine DavResource.java DavResource(Response) (getHref().get(0)); Cyberduck DAVClient.propfind (catches URISyntaxException only)" }) },
  { "href-unescaped", DAV_DOCTOR_ERROR, "RFC 4918 §8.3.1",
    N_("An href is not a valid URI"),
    N_("An href contains raw spaces, raw non-ASCII bytes or other characters a URI must escape, as nginx's dav-ext module has sent. davfs2 and Cyberduck silently leave such entries out of the folder. Percent-encode every such character of a name in its href, and non-ASCII letters byte by byte in UTF-8."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Accepts the href, but a raw # or ? cuts the name short."),
        "S gvfsbackenddav.c:980 (g_uri_parse_relative with SOUP_HTTP_URI_FLAGS, not strict); S GLib glib/guri.c uri_cleanup, g_uri_split_internal" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Accepts and re-encodes the href."),
        "S* http.cpp davStatList (QUrl(href.text())) + Qt QUrl::TolerantMode" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Re-escapes an href that does not parse and tries again."),
        "S webdav_parse.c GetComponentName (l.1466–1500)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Accepts a raw space in a path."),
        "S* webdav.go:840 (rest.URLJoin) + Go net/url" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("The entry silently disappears: the strict URI parser rejects it (workaround: sharepoint_href_bug 1)."),
        "S neon src/ne_uri.c:117–134 (character table), :265–303 ne_uri_parse; src/ne_207.c:209–219; davfs2 src/webdav.c:398–401" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_BREAKS,
        N_("The entry silently disappears when its href has a space or other character not allowed in a URI."),
        "S DAVClient.propfind; sardine DavResource(Response) (new URI(...)); R github.com/sabre-io/dav/issues/704 (Cyberduck does not show files with spaces; fixed by encoding the href)" }) },
  { "href-duplicate", DAV_DOCTOR_ERROR, "RFC 4918 §14.24",
    N_("The same href appears twice in one 207"),
    N_("Two DAV:response elements of one answer name the same item, which RFC 4918 forbids. A client may show the item twice, or keep the properties of one and lose those of the other. Put everything about an item in one response."),
    NULL },
  { "href-foreign", DAV_DOCTOR_ERROR, "RFC 4918 §8.3",
    N_("An href points to another server"),
    N_("An href of the 207 is an absolute URL on another scheme, host or port than the one asked, as a reverse proxy that does not rewrite the answers produces. Clients use only the path, and rclone and davfs2 drop entries whose path is not under the folder, so the folder silently looks empty. Let the server send paths (/dav/file) or the public address in its hrefs, or have the proxy rewrite them."),
    impacts_href_foreign },
  { "href-outside", DAV_DOCTOR_ERROR, "RFC 4918 §9.1",
    N_("An entry lies outside the folder asked about"),
    N_("The 207 lists an href that is neither the folder asked about nor inside it, typically because a proxy serves the share under another path than the server thinks (/dav/ outside, / inside). rclone and davfs2 silently drop such entries and show an empty folder. Make the server know its public path, or have the proxy rewrite hrefs."),
    impacts_href_foreign },
  { "self-entry-missing", DAV_DOCTOR_ERROR, "RFC 4918 §9.1",
    N_("The answer has no entry for the folder itself"),
    N_("The PROPFIND answer lists members but no response for the address that was asked about. GNOME Files needs that entry to mount, and davfs2's file lookup reads an entry that is not there (in its source, this would crash mount.davfs). Include the requested resource itself in every Depth: 0 and Depth: 1 answer."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Mounting and file information fail (“Response invalid”, “HTTP Error: Multi-Status”)."),
        "S gvfsbackenddav.c:1483–1530 stat_location_end, :2509 try_query_info_cb" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Lists the folder, but for a single item takes the first entry, whatever it is."),
        "S http.cpp davStatList" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Lists the folder."),
        "S webdav_parse.c parse_opendir" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Lists the folder, but for a single item uses the first entry, whatever its href."),
        "S webdav.go:388 readMetaDataForPath" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Lists the folder, but a file lookup reads a result that is not there, which would crash mount.davfs."),
        "S src/cache.c:2220–2236 update_directory; src/cache.c:1029–1036 dav_lookup" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Lists the folder."),
        "S DAVListService.list (SimplePathPredicate test)" }) },
  { "collection-href-no-slash", DAV_DOCTOR_INFO, "RFC 4918 §5.2",
    N_("A folder's href does not end in a slash"),
    N_("A member folder is listed with an href without the trailing slash that RFC 4918 recommends for collections. The clients studied take the type from DAV:resourcetype and cope. Ending folder hrefs in / avoids redirects and mistakes in tools that go by the address."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Goes by resourcetype and compares paths without trailing slashes."),
        "S gvfsbackenddav.c:1078 parse_resourcetype, :248 path_equal" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Goes by resourcetype."),
        "S http.cpp davParsePropstats" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Goes by the collection element."),
        "S webdav_parse.c parser_opendir_create" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Adds the slash to folders itself."),
        "S webdav.go:842–844 listAll" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Normalises the path itself."),
        "S src/webdav.c:1873–1882 prop_result" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Copes."),
        "S DAVListService.list" }) },
  { "propstat-status-bad", DAV_DOCTOR_ERROR, "RFC 4918 §14.28",
    N_("A status line inside the 207 is missing or does not parse"),
    N_("A DAV:status element of the answer is missing or is not an HTTP status line such as “HTTP/1.1 200 OK”. Clients then lose the properties of that entry, and davfs2 fails the whole listing. Write every status as “HTTP/1.1 <code> <reason>”."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Ignores that propstat, so the entry loses those properties."),
        "S gvfsbackenddav.c:1018–1075 ms_response_get_propstat, :1149" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Stops reading the entry at a propstat without a status, so it gets no type and no permissions."),
        "S http.cpp davParsePropstats (early return), codeFromResponse" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Does not look at propstat statuses."),
        "S webdav_parse.c parser_opendir_create (no status case)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Drops an entry whose statuses are all bad; before v1.75 an entry whose first propstat was a 404 disappeared too."),
        "S api/types.go:106 StatusOK; webdav.go:867–870; history: commit 9693b3df \"fix mixed property statuses\" (first in v1.75.0), commit 523a29a4 \"request only required properties in listAll\" (first in v1.74.0); R github.com/infinidysk/infinidysk/issues/888 (empty listings with rclone 1.74; its other claim, a host check on hrefs, is not in rclone's code or history)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("A status line that does not parse fails the whole PROPFIND."),
        "S neon src/ne_207.c:226–240 end_element, src/ne_props.c:491–519 end_propstat" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Logs the bad status and still reads the properties."),
        "S sardine DavResource.getStatusCode" }) },
  { "propfind-interim-status", DAV_DOCTOR_ERROR, "RFC 9110 §15.2",
    N_("A 1xx status inside the 207"),
    N_("A status inside the multistatus is an informational 1xx code, which is only ever an interim answer and never the result of anything. Clients treat those properties as failed or missing. Report the real outcome, 200 or an error, for every property and member."),
    NULL },
  { "named-prop-omitted", DAV_DOCTOR_ERROR, "RFC 4918 §9.1",
    N_("A property that was asked for is left out, not answered 404"),
    N_("The PROPFIND named a property the item does not have, and the server left it out, or returned it empty under 200, instead of listing it in a propstat with 404 Not Found. A client cannot tell a missing value from an empty one: rclone shows such files as dated 1970 with size 0. Answer every property asked for, the missing ones under 404."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Leaves absent or empty properties unset."),
        "S gvfsbackenddav.c:1156 (node_is_empty skipped)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Copes; an empty size under 200 becomes 0."),
        "S http.cpp davParsePropstats" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Only reads non-empty values."),
        "S webdav_parse.c parser_opendir_add" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("An empty date under 200 becomes 1970-01-01 and an empty size 0, and a copy then fails on the size."),
        "S api/types.go:33 (Props Prop from every propstat), :199–210 UnmarshalXML; S* Go encoding/xml repeated-element behaviour" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Treats a property under 404 as absent."),
        "S neon src/ne_props.c:491–519" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Skips empty values."),
        "S sardine DavResource getters (getContent().size() == 1)" }) },
  { "propname-with-values", DAV_DOCTOR_WARNING, "RFC 4918 §14.21",
    N_("A propname request was answered with values"),
    N_("A PROPFIND with <propname/> asks only for the names of the properties, but the server sent their values too. Clients use propname to learn cheaply what exists; a server that computes and sends every value anyway is slow, and does not answer the question asked. Answer propname with empty property elements."),
    NULL },
  /* RFC 4918 §9.1: a server MAY refuse Depth: infinity, but then with 403
   * and DAV:propfind-finite-depth; answering as Depth 1 is a wrong answer,
   * refusing without the precondition only a poor one (a warning). No
   * client studied sends infinity (docs/clients.md): the impacts say so. */
  { "depth-infinity", DAV_DOCTOR_ERROR, "RFC 4918 §9.1",
    N_("Depth: infinity was answered as Depth: 1"),
    N_("The server answered a PROPFIND with Depth: infinity with the folder and its direct members only, as if Depth were 1. A script or sync tool that asked for the whole tree takes the answer as complete and misses everything deeper. Either answer the whole tree or refuse with 403 and the DAV:propfind-finite-depth condition."),
    impacts_depth_infinity },
  { "depth-infinity-refused-no-precondition", DAV_DOCTOR_WARNING, "RFC 4918 §9.1",
    N_("Depth: infinity was refused without saying why"),
    N_("The server refused a PROPFIND with Depth: infinity, which it may, but not with 403 Forbidden and a DAV:propfind-finite-depth error body. A client cannot tell this refusal from a real error, so it does not know to fall back to Depth: 1. Refuse with 403 and <D:error><D:propfind-finite-depth/></D:error>."),
    impacts_depth_infinity },
  /* RFC 4918 §8.2: a body that is not well-formed MUST be refused with
   * 400. Refusing it with another 4xx is a warning: the request fails as
   * it should, but the client is told the wrong reason. */
  { "propfind-invalid-accepted", DAV_DOCTOR_ERROR, "RFC 4918 §8.2",
    N_("A broken PROPFIND body was accepted"),
    N_("The server answered a PROPFIND whose body is not well-formed XML, or declares a namespace badly, with a listing instead of 400 Bad Request, as nginx's dav-ext module does with a bad namespace declaration. A client with a bug in its request then gets an answer to a question it did not ask. Parse the request body and refuse a broken one with 400."),
    NULL },
  { "propfind-invalid-status", DAV_DOCTOR_WARNING, "RFC 4918 §8.2",
    N_("A broken PROPFIND body was refused, but not with 400"),
    N_("The server refused a PROPFIND with a broken XML body, but with another status than 400 Bad Request, such as 415 Unsupported Media Type. The request fails as it should, yet the status tells the client the wrong reason, and litmus counts it as a failure. Answer a body that is not well-formed XML with 400."),
    NULL },
  { "body-without-content-type-refused", DAV_DOCTOR_INFO, "RFC 9110 §8.3",
    N_("An XML body without Content-Type was refused"),
    N_("The server refused a PROPFIND or PROPPATCH whose XML body came without a Content-Type header, with 415 Unsupported Media Type. RFC 9110 allows that, since a body without a type may be treated as unknown data, but litmus sends its bodies this way, which is why litmus fails many tests on lighttpd. Servers that look at the body itself accept such requests."),
    NULL },
  /* lighttpd 1.4.69 answers propname with <getcontentlength/> and the
   * like, the default namespace undeclared: names of properties that do
   * not exist. */
  { "propname-no-namespace", DAV_DOCTOR_WARNING, "RFC 4918 §9.1",
    N_("A propname request was answered with names in no namespace"),
    N_("A PROPFIND with <propname/> must name the properties the resource has, DAV:getcontentlength among them, but the server named them without the DAV: namespace, which makes them other properties, ones the resource does not have. A client that asks for the names it was given gets 404 for each. Put the DAV: properties in the DAV: namespace in the propname answer too."),
    NULL },

  /* ---- property values, GET and HEAD ---- */

  /* The formats of RFC 4918 §15 are part of each property's definition:
   * a wrong date or length is an error. A weak or missing ETag is a
   * SHOULD (§8.6), a creation date in another form breaks nobody studied
   * (warning, for the tools that parse it), quotas are optional (RFC 4331).
   * GET and HEAD disagreeing with the properties: RFC 4918 §15.6 and §15.7
   * define them as GET's headers, yet clients forgive it (warnings);
   * ignoring Range is allowed (RFC 9110 §14.2) but breaks seeking. */
  { "resourcetype-missing", DAV_DOCTOR_ERROR, "RFC 4918 §15.9",
    N_("An entry has no DAV:resourcetype"),
    N_("An entry of the listing lacks DAV:resourcetype, which every WebDAV resource must have and which tells folders from files. Clients then show folders as files, or guess from the address. Return DAV:resourcetype for every item, with <D:collection/> inside for folders."),
    NULL },
  { "creationdate-format", DAV_DOCTOR_WARNING, "RFC 4918 §15.1",
    N_("DAV:creationdate is not an RFC 3339 date"),
    N_("The value of DAV:creationdate is not in the form RFC 4918 gives it, an RFC 3339 date such as 2024-05-01T12:00:00Z (unlike getlastmodified, which is an HTTP date). Clients that read it show no creation date or a wrong one. Write the date in RFC 3339 form with a time zone."),
    NULL },
  { "getcontenttype-missing", DAV_DOCTOR_INFO, "RFC 4918 §15.5",
    N_("A file has no DAV:getcontenttype"),
    N_("A file of the listing has no DAV:getcontenttype. Clients then guess the type from the name, which usually works. Returning the type the server would send with GET saves them the guess."),
    NULL },
  { "getlastmodified-format", DAV_DOCTOR_ERROR, "RFC 4918 §15.7",
    N_("DAV:getlastmodified is not an HTTP date"),
    N_("The value of DAV:getlastmodified is not in the HTTP date form (“Sun, 06 Nov 1994 08:49:37 GMT”) that RFC 4918 requires, but ISO 8601, a numeric zone or similar. Clients then show no date or 1 January 1970, and rclone copies such files again and again. Format the date as RFC 9110 §5.6.7 says."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
        N_("A date that does not parse leaves the file without a modification time."),
        "S gvfsbackenddav.c:1208–1217; S* libsoup soup_date_time_new_from_http_string" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Tries two more forms, otherwise shows no date."),
        "S http.cpp parseDateTime" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Anything but the HTTP date forms shows as 1 January 1970."),
        "S webdav_parse.c (WEBDAV_OPENDIR_ELEMENT_MODDATE), webdav_utils.c:36 DateBytesToTime" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Reported to fail on dates with fractional seconds and on ISO dates."),
        "R github.com/messense/dav-server-rs/pull/36; github.com/chrisroberts/dav4rack/pull/26" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
        N_("A date in none of its forms becomes 1970-01-01, and with the vendors that compare times every such file is transferred again at each sync."),
        "S api/types.go:188–226; webdav.go:493 (default precision), :638–720 setQuirks" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Tries the HTTP date and ISO 8601, otherwise 1 January 1970."),
        "S src/webdav.c:1924–1931 prop_result" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
        N_("A date in none of its forms is left unset."),
        "S sardine util/SardineUtil.java SUPPORTED_DATE_FORMATS, parseDate" }) },
  { "getcontentlength-wrong", DAV_DOCTOR_ERROR, "RFC 4918 §15.4",
    N_("DAV:getcontentlength is missing, not a number, or not the file's size"),
    N_("A file's DAV:getcontentlength is missing, is not a number, or differs from the Content-Length of a GET. Clients show a wrong size, and rclone rejects every copy of the file as corrupted because the sizes differ. Report the size GET would send."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows no size; reading still works."),
        "S gvfsbackenddav.c:1201–1206" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows no size, or 0 for a value that is not a number."),
        "S http.cpp davParsePropstats (toULong)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows the listed size (0 when missing) until the file is downloaded."),
        "S webdav_parse.c (WEBDAV_OPENDIR_ELEMENT_LENGTH)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
        N_("Copies fail with “corrupted on transfer: sizes differ”."),
        "S fs/operations/copy.go:291–295 verify; backend/webdav/webdav.go Update (re-reads metadata after PUT); lib/rest/headers.go:57 CheckContentRange" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows the listed size until the file is opened."),
        "S src/cache.c:1029–1036, :2348–2350" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
        N_("The size is unknown and transfers show no progress."),
        "S sardine DavResource.getContentLength" }) },
  { "getetag-missing-weak", DAV_DOCTOR_WARNING, "RFC 4918 §8.6",
    N_("No entity tag, or only a weak one"),
    N_("The item has no DAV:getetag and no ETag header, or only a weak one (W/\"…\"). A weak tag never matches in If-Match, so a client that saves with If-Match gets 412 from a strict server: davfs2 and GNOME Files can then fail to save. Give files strong entity tags that change whenever the content does."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Passes the tag to applications and sends it in If-Match when they save with it; a 412 becomes “The file was externally modified”."),
        "S gvfsbackenddav.c:1170, :3036–3080 try_replace, :3023" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Never uses the tag in a condition."),
        "S http.cpp davParsePropstats" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Revalidates by date, not by tag."),
        "S webdav_network.c comment at l.1633–1646, l.3500, l.3515, ETag stored at l.3586–3617" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Does not use entity tags."),
        "S backend/webdav/ (no ETag handling)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Turns a weak tag into a strong one and sends it in If-Match, so a strict server answers 412 and the save fails."),
        "S src/webdav.c:1582–1611 normalize_etag, :1074–1084 dav_put, :1038–1070 (precheck), src/defaults.h:166–173" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Shows the tag but does not use it as a condition."),
        "S DAVAttributesFinderFeature.toAttributes, DAVWriteFeature (ETagResponseHandler)" }) },
  { "quota-props-missing", DAV_DOCTOR_INFO, "RFC 4331 §3",
    N_("No quota properties"),
    N_("The server does not return DAV:quota-available-bytes and DAV:quota-used-bytes. They are optional, so only the free space display suffers: file managers show no free space, and df shows nothing useful. Support RFC 4331 if users should see how much room is left."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows no free or used space."),
        "S gvfsbackenddav.c:1273–1335 ms_response_to_fs_info" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows no free space."),
        "S http.cpp davParsePropstats (total, available metadata)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Has no real numbers for the disk's size."),
        "S webdav_network.c:3652–3710 network_statfs" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("rclone about reports nothing."),
        "S webdav.go About" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("df shows no meaningful numbers."),
        "S src/webdav.c:1951–1975 quota_result" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows 0 used and unlimited space."),
        "S DAVQuotaFeature.get" }) },
  { "get-failed", DAV_DOCTOR_ERROR, "RFC 9110 §9.3.1",
    N_("A file of the listing cannot be downloaded"),
    N_("A GET of a file the listing names failed. Users see the file but cannot open it. Check that the file is readable by the server and that GET and PROPFIND map the address to the same file."),
    NULL },
  { "get-etag-mismatch", DAV_DOCTOR_WARNING, "RFC 4918 §15.6",
    N_("GET's ETag differs from DAV:getetag"),
    N_("The ETag header of a GET is not the DAV:getetag the listing gave for the same file. A client that saves with If-Match and the tag from the listing is then refused, or one that caches by tag downloads the file again every time. Report in getetag exactly the tag GET sends."),
    NULL },
  { "get-last-modified-mismatch", DAV_DOCTOR_WARNING, "RFC 4918 §15.7",
    N_("GET's Last-Modified differs from DAV:getlastmodified"),
    N_("The Last-Modified header of a GET is not the DAV:getlastmodified the listing gave for the same file. Clients that revalidate their copy by date (Finder, davfs2) download the file again or keep a stale one. Report in getlastmodified exactly the date GET sends."),
    NULL },
  { "head-differs", DAV_DOCTOR_WARNING, "RFC 9110 §9.3.2",
    N_("HEAD's headers differ from GET's"),
    N_("A HEAD of a file answered other headers (length, type, ETag or date) than a GET of it, or another status. Clients such as davfs2 use HEAD to check a file before they upload or download it, and are misled. Let HEAD send the headers GET would send."),
    NULL },
  { "range-ignored", DAV_DOCTOR_WARNING, "RFC 9110 §14.2",
    N_("A range request was answered with the whole file"),
    N_("A GET asking for part of a file (Range: bytes=…) got the whole file with 200, or a 206 whose Content-Range is not what was asked. Ignoring ranges is allowed, but seeking in a video or archive fails in GNOME Files, and rclone up to v1.75 silently corrupted large downloads. Serve byte ranges with 206 and a correct Content-Range."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Seeking fails with “Error seeking in stream”, so players and archive viewers fail."),
        "S daemon/gvfshttpinputstream.c:277–291, :459" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never sends Range."),
        "S http.cpp (no Range handling)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
        N_("Reads sent to the server take the start of the file instead of the part asked for."),
        "S webdav_network.c:5642–5700 network_read; webdav_file.c:896–912" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
        N_("Up to v1.75 multi-thread downloads silently write the wrong bytes with the right size; newer versions notice and fall back."),
        "S lib/rest/headers.go:57–130 CheckContentRange; fs/operations/copy.go:268–275; git show 1003280b^:backend/webdav/webdav.go Open (no check); R github.com/rclone/rclone/issues/6980, github.com/rclone/rclone/pull/9757" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_NA,
        N_("Downloads whole files."),
        "S src/webdav.c:741 dav_get_file" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Notices a whole file when resuming and skips what it has."),
        "S DAVReadFeature.read" }) },

  /* ---- writing: MKCOL, PUT ---- */

  /* RFC 4918 §9.3: MKCOL on a mapped URL MUST fail, and one under a
   * missing parent MUST fail with 409: the second is an error, the exact
   * 405 of the first only the listed code (a warning), and mkcol-status
   * (docs/clients.md's name for both) is an error for the 409 part. A
   * body MKCOL does not understand MUST get 415, but a server that
   * ignores the body still makes the folder that was asked for, and no
   * client studied sends one (a warning). A 2xx
   * other than the usual one is legal (RFC 9110 §15.3) but breaks KIO. */
  { "mkcol-status", DAV_DOCTOR_ERROR, "RFC 4918 §9.3.1",
    N_("MKCOL answers with the wrong status"),
    N_("MKCOL on an existing name was not answered 405 Method Not Allowed, or MKCOL under a missing parent not 409 Conflict. Clients read these two codes to tell “exists” from “parent missing”: rclone believes a folder exists that does not, and the next upload fails. Answer 405 for an existing name and 409 for a missing parent."),
    impacts_mkcol_status },
  { "mkcol-existing-not-405", DAV_DOCTOR_WARNING, "RFC 4918 §9.3.1",
    N_("MKCOL on an existing folder was not answered 405"),
    N_("MKCOL on a name that already exists was refused, but not with 405 Method Not Allowed (or it succeeded). Clients take 405 to mean “already exists”: rclone, for one, counts it as success and treats anything else as an error. Answer 405."),
    impacts_mkcol_status },
  { "mkcol-missing-parent-not-409", DAV_DOCTOR_ERROR, "RFC 4918 §9.3",
    N_("MKCOL under a missing parent was not answered 409"),
    N_("MKCOL for a folder whose parent does not exist was not answered 409 Conflict; RFC 4918 requires exactly that code, and forbids making the missing parents. Clients use 409 to know they must make the parents first: rclone does, and takes 405 to mean the folder exists. Answer 409 Conflict."),
    impacts_mkcol_status },
  { "mkcol-body-not-415", DAV_DOCTOR_WARNING, "RFC 4918 §9.3",
    N_("MKCOL with a body was not answered 415"),
    N_("MKCOL with a request body the server does not understand was not refused with 415 Unsupported Media Type; the server probably made the folder and ignored the body. A client that sent the body to ask for more (an extended MKCOL) then believes it got what it asked. Refuse MKCOL bodies you do not handle with 415."),
    NULL },
  { "success-status-nonstandard", DAV_DOCTOR_WARNING, "RFC 9110 §15.3",
    N_("A success answered with an unusual 2xx status"),
    N_("The server did what was asked but answered with a 2xx other than the usual one: MKCOL 200 instead of 201, COPY or MOVE 200 instead of 201 or 204, DELETE 202 or a 207 holding only successes. That is allowed, but KDE Dolphin then reports an error for a change that was made. Answer 201 for a new resource and 204 for a replaced or deleted one."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Any 2xx is success."),
        "S gvfsbackenddav.c make_directory_cb, try_move_do_cb, try_delete_send_cb" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_BREAKS,
        N_("Reports “An unexpected error” although the server made the change."),
        "S http.cpp mkdir, rename, copy, del" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Any 2xx is success, but a 207 to DELETE or LOCK counts as a failure."),
        "S webdav_network.c translate_status_to_error, network_delete (l.4906), network_lock (l.5323)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Any 2xx is success."),
        "S lib/rest/rest.go:410" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Any 2xx is success; a 207 is read for the members' errors."),
        "S src/webdav.c:1419–1428; neon src/ne_207.c:362 ne_simple_request" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Any 2xx is success."),
        "S sardine ValidatingResponseHandler" }) },
  { "put-failed", DAV_DOCTOR_ERROR, "RFC 9110 §9.3.4",
    N_("Uploading a file failed"),
    N_("A PUT of a small file into the doctor's scratch folder was not answered with a success. No client can save anything there. Check that the account may write, that the server's user owns the folder on disk, and that no size limit or proxy refuses PUT."),
    NULL },
  { "put-get-mismatch", DAV_DOCTOR_ERROR, "RFC 9110 §9.3.4",
    N_("A file read back differs from what was uploaded"),
    N_("After a successful PUT, a GET of the same file returned other bytes than were sent. Files saved through this server are silently damaged. Look for a filter that rewrites content (character sets, line ends, compression) or a cache between the server and its storage."),
    NULL },
  { "put-no-etag", DAV_DOCTOR_INFO, "RFC 4918 §8.6",
    N_("A PUT's answer has no ETag"),
    N_("A successful PUT was answered without an ETag header. Only davfs2 is affected, with one more HEAD request after every upload to learn the tag. Send the new ETag with the answer to PUT when the file was stored as sent."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_COPES,
        N_("Does not use it."),
        "S gvfsbackenddav.c try_close_write_sent" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Does not use it."),
        "S" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Uses the date of the answer instead."),
        "S webdav_network.c l.3841–3860 (Last-Modified, then ETag if present)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Does not use it."),
        "S webdav.go Update" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Sends one more HEAD after each upload."),
        "S src/webdav.c:1121–1148 (need_head)" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_COPES,
        N_("Records no tag for the uploaded file."),
        "S DAVWriteFeature (ETagResponseHandler)" }) },
  { "expect-100-unanswered", DAV_DOCTOR_ERROR, "RFC 9110 §10.1.1",
    N_("Expect: 100-continue got no answer"),
    N_("A PUT sent with Expect: 100-continue got neither 100 Continue nor a final status, so the client waited (sabre/dav under php -S does this). RFC 9110 requires the server to answer one or the other at once. Clients that wait a few seconds and then send anyway upload slowly; those that wait for good hang. Let the server, or the proxy in front of it, send 100 Continue."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Never sends Expect."),
        "S gvfsbackenddav.c:2950, :3047 (comments)" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never sends Expect."),
        "S http.cpp makeRequest" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_NA,
        N_("Sends no Expect header itself."),
        "S webdav_network.c (no Expect), l.3827" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Never sends Expect."),
        "S webdav.go updateSimple" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_NA,
        N_("Only sends Expect with use_expect100 on, which is off by default."),
        "S src/defaults.h:161, src/webdav.c:1086–1087" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_UNKNOWN,
        N_("Asks for Expect by default, which would delay every upload a few seconds, but its maintainers saw the header never leave the client."),
        "S DAVWriteFeature.write, Preferences (webdav.expect-continue true); sardine SardineImpl.put (417 retry); S* HttpClient's wait-for-continue default (3 s); R github.com/iterate-ch/cyberduck/pull/13583 (review comments of 2022-08-03/04)" }) },
  { "if-none-match-ignored", DAV_DOCTOR_ERROR, "RFC 9110 §13.1.2",
    N_("If-None-Match: * did not stop a PUT over an existing file"),
    N_("A PUT with If-None-Match: * onto a file that exists replaced it instead of failing with 412 Precondition Failed. Clients send this header to create a file only if nobody else has (davfs2 does for every new file), so another user's file is silently overwritten. Evaluate If-None-Match before writing."),
    NULL },
  /* A refusal loses nothing, but the client is told of a change nobody
   * made: a warning. */
  { "if-unmodified-since-clock", DAV_DOCTOR_WARNING, "RFC 9110 §13.1.4",
    N_("If-Unmodified-Since is compared with the clock, not the file’s date"),
    N_("A PUT with If-Unmodified-Since set to the file’s own Last-Modified was refused with 412 Precondition Failed, although nobody had changed the file: the server compares the date with the current time instead of the file’s modification time (Apache mod_dav does on PUT). A client that guards its upload with the date, as one must where there is no strong ETag, is told of a conflict that is not there, every time a second has passed since the file changed. Compare the date with the file’s modification time."),
    NULL },
  { "scratch-not-removed", DAV_DOCTOR_WARNING, "RFC 9110 §9.3.5",
    N_("The doctor could not remove what it made"),
    N_("At the end of the write checks a DELETE of the doctor's scratch folder or of something in it failed, so it is still on the server. The result names what is left; remove it by hand. A server that cannot delete what the same account just made has a problem of its own, for example a lock left behind."),
    NULL },
  { "mkcol-failed", DAV_DOCTOR_ERROR, "RFC 4918 §9.3",
    N_("Making a folder failed"),
    N_("MKCOL of a new folder with a fresh name in the checked folder was not answered with a success, or no folder was there afterwards. No client can make folders here, and the other write checks have nowhere to work. Check that the account may write, that the server's user owns the folder on disk, and that the WebDAV module allows MKCOL for this address."),
    NULL },

  /* ---- PROPPATCH ---- */

  /* RFC 4918 §4.3 (values kept exactly, namespaces included) and §9.2
   * (all or nothing, in document order) are MUSTs: errors. PROPPATCH may
   * be refused with 405 (so proppatch-unsupported is a warning), but
   * Windows and rclone's and Cyberduck's time keeping need it. The empty
   * namespace is legal XML that RFC 4918 does not forbid, so losing it is
   * a warning (litmus propnullns). */
  { "proppatch-unsupported", DAV_DOCTOR_WARNING, "RFC 4918 §9.2",
    N_("PROPPATCH is not supported"),
    N_("The server refused PROPPATCH with 405 or 501, so no dead property can be stored (nginx's dav-ext module has no PROPPATCH). That is allowed, but Windows Explorer sends PROPPATCH around every upload and fails without it, and clients that keep modification times in properties lose them. Enable a property store for the WebDAV module."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Never sends PROPPATCH."),
        "S gvfsbackenddav.c:4068–4078" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never sends PROPPATCH in file operations."),
        "S http.cpp (PROPPATCH only through davGeneric)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_NA,
        N_("Never sends PROPPATCH."),
        "S webdav_network.c" },
      { DAV_CLIENT_WINDOWS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Uploads from Explorer fail: it sends PROPPATCH around every upload (reported)."),
        "R github.com/arut/nginx-dav-ext-module/issues/16 (comment of 2019-08-29); github.com/alexbakker/webdav-provider/issues/14 (request log)" },
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("With the owncloud and nextcloud vendors, setting a modification time fails with “couldn't set modified time”."),
        "S webdav.go:1472–1527 SetModTime" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("chmod +x, which sets Apache's executable property, fails."),
        "S src/webdav.c:1203–1227 dav_set_execute" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Keeping timestamps fails with “Failure to write attributes”."),
        "S DAVTimestampFeature.setTimestamp" }) },
  { "proppatch-value-changed", DAV_DOCTOR_ERROR, "RFC 4918 §4.3",
    N_("A property read back differs from what was stored"),
    N_("A dead property set with PROPPATCH came back from PROPFIND with another value: text changed, or XML markup inside the value lost or flattened. RFC 4918 requires a server to keep a dead property's value exactly, elements and all. Store the value's XML as received."),
    NULL },
  { "proppatch-remove-failed", DAV_DOCTOR_ERROR, "RFC 4918 §9.2",
    N_("A property could not be removed"),
    N_("A PROPPATCH <remove> of a dead property failed, or the property was still there afterwards. Clients cannot clean up what they stored. Let remove delete the property (removing one that does not exist is not an error)."),
    NULL },
  { "proppatch-namespace-lost", DAV_DOCTOR_ERROR, "RFC 4918 §4.3",
    N_("A property's namespace was not kept"),
    N_("A property set in its own namespace, or a value declaring namespaces, came back in another namespace or with its declarations lost. A property is named by its namespace and its local name together, so the client's property is gone and the value's markup means something else. Keep each property's namespace, and the namespaces its value uses."),
    NULL },
  { "proppatch-null-namespace", DAV_DOCTOR_WARNING, "RFC 4918 §4.4",
    N_("A property in the empty namespace was not kept"),
    N_("A property without a namespace (xmlns=\"\") could not be stored or came back changed. Such names are legal XML, and litmus tests them (propnullns). Store them like any other dead property, or refuse them clearly."),
    NULL },
  { "proppatch-unicode", DAV_DOCTOR_ERROR, "RFC 4918 §4.3",
    N_("A property value with high Unicode characters came back changed"),
    N_("A dead property holding characters outside the Basic Multilingual Plane (such as emoji) was refused or came back garbled. Property values are XML text, which includes every Unicode character. Store values as UTF-8 throughout (a MySQL store needs utf8mb4)."),
    NULL },
  { "proppatch-set-remove-order", DAV_DOCTOR_ERROR, "RFC 4918 §9.2",
    N_("PROPPATCH did not apply set and remove in document order"),
    N_("A PROPPATCH that removes a property and then sets it again (or sets, then removes) left the wrong result: the instructions must be applied in the order they appear. Clients that rewrite a property this way lose it. Apply the set and remove elements one after another, as written."),
    NULL },
  { "proppatch-not-atomic", DAV_DOCTOR_ERROR, "RFC 4918 §9.2",
    N_("PROPPATCH stored part of a request that failed"),
    N_("A PROPPATCH setting a dead property and a protected one was refused for the protected one, yet the dead property was stored. RFC 4918 requires all instructions of one PROPPATCH to succeed or none: the others must be answered 424 Failed Dependency and left unchanged. Check the whole request before storing anything."),
    NULL },
  { "proppatch-protected-accepted", DAV_DOCTOR_ERROR, "RFC 4918 §9.2.1",
    N_("A protected property could be changed"),
    N_("PROPPATCH on a property the server computes (such as DAV:getetag or DAV:getcontentlength) was answered with success. Either the live value is now wrong or the server claims a change it did not make. Refuse it with 403 and DAV:cannot-modify-protected-property."),
    NULL },

  /* ---- COPY, MOVE, DELETE ---- */

  /* RFC 4918 §9.8–§9.9 and §10.6: Overwrite: T replaces (deleting the
   * destination first), Overwrite: F MUST fail with 412, a collection is
   * copied with its members, a MOVE removes the source; errors. The exact
   * 201/204 and the dead properties of a copy are SHOULDs or listed codes
   * (warnings; a MOVE MUST keep them, §9.9.1, so a check that sees a MOVE
   * lose them reports copy-properties-lost as an error); 404 for a missing
   * item is what every client expects. */
  { "copy-status", DAV_DOCTOR_WARNING, "RFC 4918 §9.8.5",
    N_("A COPY or MOVE to a new name was not answered 201 Created"),
    N_("A COPY or MOVE to a destination that did not exist was answered with another status than 201 Created. Clients tell a new resource from a replaced one by 201 and 204, and KDE Dolphin reports any other success as an error. Answer 201 when the destination is new."),
    NULL },
  { "overwrite-t-status", DAV_DOCTOR_WARNING, "RFC 4918 §9.8.5",
    N_("Replacing with Overwrite: T was not answered 204 No Content"),
    N_("A COPY or MOVE with Overwrite: T onto an existing file was answered with another status than 204 No Content. Clients tell a replacement from a new resource by the status, and KDE Dolphin reports any other success as an error. Answer 204 when the destination existed."),
    NULL },
  { "overwrite-f-ignored", DAV_DOCTOR_ERROR, "RFC 4918 §10.6",
    N_("Overwrite: F did not stop a COPY or MOVE"),
    N_("A COPY or MOVE with Overwrite: F onto an existing file replaced it instead of failing with 412 Precondition Failed. GNOME Files and KDE Dolphin rename files this way and rely on the 412, so renaming a file onto an existing name silently destroys the other file. Honour Overwrite: F."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_BREAKS,
        N_("Renaming onto an existing name silently replaces the other file: a rename relies on the 412."),
        "S gvfsbackenddav.c:3444–3490 try_set_display_name (:3463), :3384 (412 → \"Target file already exists\")" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_BREAKS,
        N_("The same for renames, which are not checked beforehand."),
        "S http.cpp rename, copy, davDestinationExists" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_NA,
        N_("Never sends Overwrite: F."),
        "S webdav_network.c:5031 network_rename" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Always sends Overwrite: T."),
        "S webdav.go:1186, :1293" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_NA,
        N_("Always overwrites, as a POSIX rename does."),
        "S src/webdav.c:1010" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
        N_("Always overwrites when moving."),
        "S DAVMoveFeature.move" }) },
  { "copymove-overwrite-collection-409", DAV_DOCTOR_ERROR, "RFC 4918 §9.8.4",
    N_("COPY or MOVE with Overwrite: T was refused with 409"),
    N_("A COPY or MOVE with Overwrite: T onto an existing resource was answered 409 Conflict instead of replacing it; RFC 4918 says the destination is deleted first (§9.8.4, §9.9.3). In nginx the 409 comes when the source and the Destination do not both end in a slash. Finder and davfs2 then cannot replace a folder, and Cyberduck cannot overwrite. Replace the destination, and accept a Destination with or without the trailing slash."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Never moves onto an existing folder: it refuses or deletes first."),
        "S gvfsbackenddav.c:3589–3660 try_move_source_stat_cb, :3779–3846 try_copy_target_stat_cb" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Fails with a misleading message about intermediate collections."),
        "S http.cpp davError (409), rename, copy" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
        N_("Replacing a folder fails with “No such file or directory”."),
        "S webdav_network.c:5031–5170 network_rename, translate_status_to_error (409 → ENOENT)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_COPES,
        N_("Checks folders first and moves files one by one instead."),
        "S webdav.go:1257–1306 DirMove, :1160–1220 copyOrMove" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("mv onto an existing empty folder fails with an input/output error."),
        "S src/cache.c:1842 move_dir (dav_move failure → EIO), src/webdav.c:1010" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_BREAKS,
        N_("The move or copy fails."),
        "S DAVMoveFeature.move (overwrite true)" }) },
  { "copy-collection-incomplete", DAV_DOCTOR_ERROR, "RFC 4918 §9.8.3",
    N_("A copied folder lacks some of its members"),
    N_("A COPY of a folder reported success, but the copy lacks members of the original. RFC 4918 requires a COPY with Depth: infinity (the default) to copy the whole tree, or to report each member it could not copy in a 207. Users believe they have a complete copy when they do not. Copy every member, or report the failures."),
    NULL },
  { "copy-properties-lost", DAV_DOCTOR_WARNING, "RFC 4918 §9.8.2",
    N_("A copy lost the dead properties of the original"),
    N_("After a COPY or MOVE, the dead properties of the source are missing on the destination. RFC 4918 says a COPY should take them along and a MOVE must, and clients that keep metadata in properties lose it (Cyberduck keeps its timestamps there). Copy the properties with the content."),
    NULL },
  { "move-source-kept", DAV_DOCTOR_ERROR, "RFC 4918 §9.9",
    N_("MOVE left the source behind"),
    N_("A MOVE reported success, but the source still exists afterwards. A move is a copy followed by a delete of the source, done as one operation; users find the file twice, and a later change to one is not seen in the other. Remove the source, or report the failure."),
    NULL },
  /* RFC 4918 §9.8.5 and §9.9.4 list 409 for a destination whose parent
   * is missing (another failure code: a warning, as for MKCOL's 405),
   * and forbid making that parent (a MUST NOT: an error). */
  { "copymove-missing-parent-not-409", DAV_DOCTOR_WARNING, "RFC 4918 §9.8.5",
    N_("COPY or MOVE into a missing folder was not answered 409"),
    N_("A COPY or MOVE whose destination lies in a folder that does not exist failed with another status than 409 Conflict. A 500 Internal Server Error says the server broke, where the request was at fault: the user is sent to the server's administrator instead of being told the folder is missing. Clients read 409 as “make the parent folder first”. Answer 409 Conflict."),
    NULL },
  { "copymove-made-parents", DAV_DOCTOR_ERROR, "RFC 4918 §9.9.4",
    N_("COPY or MOVE made a missing folder"),
    N_("A COPY or MOVE whose destination lies in a folder that does not exist succeeded, and the server made that folder. RFC 4918 forbids creating the intermediate folders (§9.8.5, §9.9.4) and requires 409 Conflict: a mistyped destination then silently makes a new tree, and the item seems lost from where the user looks for it. Answer 409 Conflict and make nothing."),
    NULL },
  { "delete-status", DAV_DOCTOR_WARNING, "RFC 9110 §9.3.5",
    N_("DELETE was answered with an unusual status"),
    N_("A successful DELETE was answered with another status than 204 No Content or 200 OK, or a DELETE that should succeed failed. KDE Dolphin counts only 200 and 204 as success, and reports the others as an error though the item is gone. Answer 204 when the item was deleted."),
    NULL },
  { "delete-tree-incomplete", DAV_DOCTOR_ERROR, "RFC 4918 §9.6.1",
    N_("DELETE of a folder left members behind"),
    N_("A DELETE of a folder reported success, but some of its members, or the folder itself, are still there. RFC 4918 requires a DELETE of a collection to remove everything below it, or to answer 207 naming what it could not delete. Clients believe the tree is gone. Delete the whole tree, or report each member that failed."),
    NULL },
  { "delete-missing-not-404", DAV_DOCTOR_WARNING, "RFC 9110 §15.5.5",
    N_("DELETE of a missing item was not answered 404"),
    N_("A DELETE of an address where nothing exists was answered with another status than 404 Not Found: a success, or an unrelated error. Clients and sync tools use the 404 to know the item is already gone; a success hides typing mistakes, and another error makes cleanups fail. Answer 404 Not Found."),
    NULL },

  /* ---- locks ---- */

  /* Once a server claims class 2, RFC 4918 §6–§9.11 are MUSTs: a lock
   * that is not enforced, a token that does not work, a member deleted
   * under a lock are errors. Shared locks are optional (§6.2: info). An
   * unmapped LOCK answered 200 and a wrong status for a bad token are
   * listed codes, not MUSTs (warnings: davfs2 and litmus depend on them).
   * locked-423 is no fault at all: a server's 423 the doctor did not
   * cause, explained with what clients make of it (info). */
  { "lock-unsupported", DAV_DOCTOR_ERROR, "RFC 4918 §18.2",
    N_("Class 2 is claimed, but LOCK fails"),
    N_("The DAV header promises locking (class 2), but a LOCK on a file of the scratch folder failed. Finder and davfs2 lock every file they open for writing because of that header, so they cannot save anything. Make LOCK work (a lock database the server can write) or stop announcing class 2."),
    impacts_class2_no_lock },
  { "lock-response-incomplete", DAV_DOCTOR_ERROR, "RFC 4918 §9.10.1",
    N_("The answer to LOCK lacks the lock token or the lock discovery"),
    N_("A successful LOCK was answered without a Lock-Token header, or without a DAV:lockdiscovery body holding the lock with that token. Finder reads the token only from the body and davfs2 needs both, so every open for writing fails. Send both, as RFC 4918 §9.10.1 shows."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_BREAKS,
        N_("Takes the token only from the body; without it the open for writing fails."),
        "S webdav_parse.c:2003–2028 parse_lock; webdav_network.c:5362–5383" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Needs the header and the lock in the body; otherwise the open for writing fails."),
        "S neon src/ne_locks.c:633–642 lk_startelm, :793–817 ne_lock; davfs2 src/cache.c:1138" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_BREAKS,
        N_("With locking enabled, a body without lockdiscovery ends in an internal error."),
        "S sardine impl/handler/LockResponseHandler.java getToken" }) },
  { "lock-unmapped-200", DAV_DOCTOR_WARNING, "RFC 4918 §9.10.6",
    N_("LOCK on a new name answered 200, not 201 Created"),
    N_("A LOCK on a name where nothing existed made the empty locked file but answered 200 OK instead of 201 Created, as Apache does (litmus warns about unmapped_lock). davfs2 creates new files this way and believes the file exists only on 201, so its next upload can fail with 412. Answer 201 when the LOCK created the resource."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Does not tell 200 from 201."),
        "S webdav_network.c:5315–5383 network_lock" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_BREAKS,
        N_("Believes the new file does not exist, so its upload with If-None-Match: * can fail with 412 and the save fails."),
        "S src/webdav.c:893–955 dav_lock (:940), :1074–1084 dav_put; src/cache.c:935–945 dav_create" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
        N_("Only locks when the preference webdav.lock.enable is on."),
        "S DAVSession._getFeature" }) },
  { "lock-not-enforced", DAV_DOCTOR_ERROR, "RFC 4918 §7",
    N_("A locked file could be changed without the lock token"),
    N_("While a file was locked, a PUT or DELETE without the lock token succeeded instead of failing with 423 Locked. The lock protects nothing: another user's program overwrites or deletes the file that someone is editing. Check the If header against the locks of the resource for every method that changes it."),
    NULL },
  { "lock-token-refused", DAV_DOCTOR_ERROR, "RFC 4918 §10.4",
    N_("The lock holder's request with its token was refused"),
    N_("A PUT or DELETE carrying the lock token in its If header, sent by the holder of the lock, was refused. The holder of a lock cannot save the file it locked, which is the situation of Finder and davfs2 after every open for writing. Accept a request whose If header names the lock's token."),
    NULL },
  { "lock-refresh-failed", DAV_DOCTOR_ERROR, "RFC 4918 §9.10.2",
    N_("Refreshing a lock failed"),
    N_("A LOCK without a body and with the lock's token in the If header, which asks to refresh the lock, was refused. A client that keeps a file open longer than the lock's timeout refreshes the lock, and loses it when the refresh fails, so its save can then fail. Accept refreshes and answer them with the lock discovery."),
    NULL },
  { "unlock-failed", DAV_DOCTOR_ERROR, "RFC 4918 §9.11",
    N_("UNLOCK failed"),
    N_("UNLOCK with the lock's token was not answered 204 No Content, or the lock was still there afterwards. Files stay locked until the lock times out, and nobody else can change them meanwhile. Let UNLOCK remove the lock named by its Lock-Token header."),
    NULL },
  { "delete-locked-member", DAV_DOCTOR_ERROR, "RFC 4918 §9.6.1",
    N_("A folder was deleted although a file in it is locked"),
    N_("A DELETE of a folder, sent without the token of a lock on a file inside it, deleted the folder anyway, as lighttpd does. RFC 4918 requires the server to delete nothing above the locked member and answer 207 with the member's 423 Locked. Someone's locked, open file is deleted under them; rclone and Cyberduck even report partial deletes as success. Check the locks of every member before deleting a tree."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Deletes members one by one and never sends a DELETE for a non-empty folder."),
        "S gvfsbackenddav.c:3333–3366 try_delete_cb" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_BREAKS,
        N_("Sends one DELETE for the folder, so whatever the server deletes is gone, and a 207 is shown as a failure without reasons."),
        "S http.cpp del (DataMode::Discard), davError (case 207)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_COPES,
        N_("Deletes members before folders."),
        "S webdav_network.c:4833–4970 network_delete (207 handling, l.4906–4932)" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_BREAKS,
        N_("purge sends one DELETE for the folder and reports any 2xx, 207 included, as done."),
        "S webdav.go:1100–1140 purgeCheck (:1135)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Removes folders only when they are empty."),
        "S src/cache.c:1314–1338 dav_rmdir; src/webdav.c:631–666 dav_delete" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_BREAKS,
        N_("Sends one DELETE per selected item and counts any 2xx, 207 included, as success."),
        "S DAVDeleteFeature.delete; sardine SardineImpl.delete (VoidResponseHandler)" }) },
  { "locked-423", DAV_DOCTOR_INFO, "RFC 4918 §11.3",
    N_("A request was refused with 423 Locked"),
    N_("The server refused a request because the item is locked, by someone else or by a lock left behind. That is right while the lock lasts, but clients explain it poorly, and a forgotten lock blocks everyone until it times out. Look at the item's DAV:lockdiscovery to see who holds the lock and until when."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows a generic “HTTP Error: Locked”."),
        "S daemon/gvfsbackendhttp.c:250–272 http_job_failed" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_COPES,
        N_("Says the resource is locked."),
        "S http.cpp davError, httpPutError (423)" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows “Resource busy”."),
        "S webdav_network.c translate_status_to_error" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Retries, and after a failed upload sends a DELETE of the target, which on a server ignoring locks removes someone else's locked file."),
        "S webdav.go:275–284 retryErrorCodes, :1052 (_mkdir 423 as \"exists\"), :1660–1670 updateSimple (o.Remove)" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_COPES,
        N_("Shows “Permission denied”; for its own lock it finds the token and retries."),
        "S src/webdav.c:1411 (423 → EACCES), :1095 dav_put" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_DEGRADES,
        N_("Shows an access denied error."),
        "S DAVExceptionMappingService (delegates to the HTTP mapping)" }) },
  { "lock-shared-unsupported", DAV_DOCTOR_INFO, "RFC 4918 §6.2",
    N_("Shared locks are not supported"),
    N_("A LOCK asking for a shared lock was refused. Shared locks are optional, and a client that asks for one can fall back to an exclusive lock. If the server refuses them, its DAV:supportedlock should not offer them."),
    NULL },
  { "lock-exclusive-over-shared", DAV_DOCTOR_ERROR, "RFC 4918 §6.1",
    N_("An exclusive lock was granted over a shared one"),
    N_("While a file had a shared lock, a LOCK asking for an exclusive lock on it succeeded instead of failing with 423 Locked. An exclusive lock promises its holder that nobody else holds a lock; both holders now believe they may write. Refuse any lock that conflicts with an existing one."),
    NULL },
  { "if-bad-token-status", DAV_DOCTOR_WARNING, "RFC 4918 §10.4",
    N_("A request naming a wrong lock token was not answered 412 or 423"),
    N_("A PUT on a locked file with an If header naming a token that is not the lock's got another status than 412 Precondition Failed or 423 Locked (Apache answers 400; litmus warns about it in cond_put_corrupt_token). The write is refused as it must be, but clients cannot tell the reason from a broken request. Answer 412 when the If header does not match, or 423 for the lock."),
    NULL },
  { "lockdiscovery-incomplete", DAV_DOCTOR_WARNING, "RFC 4918 §15.8",
    N_("The lock discovery of a locked file lacks the lock or its token"),
    N_("While a file was locked, a PROPFIND of its DAV:lockdiscovery did not list that lock, or listed it without its DAV:locktoken, as sabre/dav 1.8 does. Lock discovery is how a client finds the token of a lock it lost track of: davfs2 looks there after a 423 for its own lock, and without the token it can neither write nor unlock. List every active lock with its token."),
    IMPACTS (
      { DAV_CLIENT_GVFS, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_KIO, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_FINDER, DAV_CLIENT_EFFECT_UNKNOWN,
        N_("Whether Finder reads the lock discovery was not studied."),
        "?" },
      WINDOWS_UNKNOWN,
      { DAV_CLIENT_RCLONE, DAV_CLIENT_EFFECT_NA,
        N_("Never locks."),
        "S" },
      { DAV_CLIENT_DAVFS2, DAV_CLIENT_EFFECT_DEGRADES,
        N_("After a 423 for its own lock it looks for the token in the lock discovery to retry; without it the write fails with “Permission denied”."),
        "S src/webdav.c:1095 dav_put, :631–666 dav_delete" },
      { DAV_CLIENT_CYBERDUCK, DAV_CLIENT_EFFECT_NA,
        N_("Only locks when the preference webdav.lock.enable is on."),
        "S DAVSession._getFeature" }) },
  { "delete-keeps-lock", DAV_DOCTOR_ERROR, "RFC 4918 §9.6.1",
    N_("A lock outlived the file it was on"),
    N_("A locked file was deleted by the lock's holder, but the lock stayed: a new file of the same name was refused with 423 Locked, as with sabre/dav 1.8. RFC 4918 requires a successful DELETE to destroy the locks rooted on what it deleted. Until the lock times out nobody can create that name, and its folder cannot be deleted either."),
    NULL },
  { "unlock-wrong-token-accepted", DAV_DOCTOR_WARNING, "RFC 4918 §9.11.1",
    N_("UNLOCK with a token of no lock answered success"),
    N_("An UNLOCK naming a token that is not the file's lock was answered with success, as nginx answers 204 to any token, while the lock stayed. A client unlocking with a stale token believes the file is free, and the lock blocks everyone until it times out; where such a token removes the lock, anyone can remove anyone's lock. Answer 409 Conflict with the precondition DAV:lock-token-matches-request-uri."),
    NULL },
  { "lock-unmapped-no-resource", DAV_DOCTOR_WARNING, "RFC 4918 §7.3",
    N_("LOCK on a new name created no empty file"),
    N_("A LOCK on a name where nothing existed was granted with 201 Created, but a GET of that name then found no empty file. RFC 4918 requires such a LOCK to create an empty resource (the lock-null resources of RFC 2518 are gone). Clients that lock a new name before they upload, like davfs2, then see a file that is not there."),
    NULL },

  { NULL }
};

static GHashTable *
fault_table (void)
{
  static GHashTable *table = NULL;

  /* Built once, by whichever thread asks first: the checks look faults
   * up in the doctor's worker thread. */
  if (g_once_init_enter (&table))
    {
      GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

      for (const DavDoctorFault *fault = faults; fault->id != NULL; fault++)
        g_hash_table_insert (by_id, (gpointer) fault->id, (gpointer) fault);

      g_once_init_leave (&table, by_id);
    }

  return table;
}

const DavDoctorFault *
dav_doctor_fault_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (fault_table (), id);
}

const DavDoctorFault *
dav_doctor_fault_get_all (void)
{
  return faults;
}

/* The words for one value of an enum: its id for JSON, and a label for
 * people (NC_(), translated in its context). */
typedef struct {
  const char *id;
  const char *label;
} Word;

static const Word client_words[] = {
  /* Translators: the names of the clients a server fault can break, as
   * their users know them; translate only where the product has a local
   * name (GNOME Files is "Dateien" in German GNOME). */
  { "gvfs", NC_("client", "GNOME Files") },
  { "kio", NC_("client", "KDE Dolphin") },
  { "finder", NC_("client", "macOS Finder") },
  { "windows", NC_("client", "Windows Explorer") },
  { "rclone", NC_("client", "rclone") },
  { "davfs2", NC_("client", "davfs2") },
  { "cyberduck", NC_("client", "Cyberduck") },
};

/* docs/clients.md's words, in the order of DavClientEffect. */
static const Word effect_words[] = {
  /* Translators: what a server fault does to a client: nothing is known
   * about it. */
  { "unknown", NC_("client effect", "unknown") },
  /* Translators: the client never sends the request that shows the fault. */
  { "n/a", NC_("client effect", "not affected") },
  /* Translators: the client does the right thing anyway. */
  { "copes", NC_("client effect", "copes") },
  /* Translators: the client works, with less (no sizes, read-only, a
   * misleading message). */
  { "degrades", NC_("client effect", "degrades") },
  /* Translators: an operation fails, or data is lost. */
  { "breaks", NC_("client effect", "breaks") },
};

static const Word severity_words[] = {
  /* Translators: the severity of a finding: worth knowing, nothing breaks. */
  { "info", NC_("severity", "Info") },
  /* Translators: the severity of a finding: allowed, but breaks some
   * clients. */
  { "warning", NC_("severity", "Warning") },
  /* Translators: the severity of a finding: breaks the protocol. */
  { "error", NC_("severity", "Error") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (client_words) == DAV_N_CLIENTS);
G_STATIC_ASSERT (G_N_ELEMENTS (effect_words) == DAV_CLIENT_EFFECT_BREAKS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (severity_words) == DAV_DOCTOR_ERROR + 1);

/* @value's id (@context NULL) or label translated in @context. */
#define WORD(words, value, context) \
  word_of (words, G_N_ELEMENTS (words), (guint) (value), context)

static const char *
word_of (const Word *words,
         guint       n_words,
         guint       value,
         const char *context)
{
  g_return_val_if_fail (value < n_words, NULL);

  if (context == NULL)
    return words[value].id;

  return g_dpgettext2 (GETTEXT_PACKAGE, context, words[value].label);
}

const char *
dav_client_app_get_name (DavClientApp client)
{
  return WORD (client_words, client, "client");
}

const char *
dav_client_app_to_string (DavClientApp client)
{
  return WORD (client_words, client, NULL);
}

const char *
dav_client_effect_get_label (DavClientEffect effect)
{
  return WORD (effect_words, effect, "client effect");
}

const char *
dav_client_effect_to_string (DavClientEffect effect)
{
  return WORD (effect_words, effect, NULL);
}

const char *
dav_doctor_severity_to_string (DavDoctorSeverity severity)
{
  return WORD (severity_words, severity, NULL);
}

const char *
dav_doctor_severity_get_label (DavDoctorSeverity severity)
{
  return WORD (severity_words, severity, "severity");
}

/* "GNOME Files", "GNOME Files and rclone", "GNOME Files, KDE Dolphin and
 * rclone": the separators are the translator's. */
static char *
dup_name_list (const char *const *names,
               guint              n)
{
  g_autoptr(GString) head = g_string_new (names[0]);

  if (n == 1)
    return g_string_free (g_steal_pointer (&head), FALSE);

  for (guint i = 1; i + 1 < n; i++)
    {
      /* Translators: between the names of clients in a list, before the
       * last two: "GNOME Files, KDE Dolphin and rclone". */
      g_string_append (head, C_("list of clients", ", "));
      g_string_append (head, names[i]);
    }

  /* Translators: the last two of a list of clients: "GNOME Files, KDE
   * Dolphin and rclone", "GNOME Files and rclone". */
  return g_strdup_printf (C_("list of clients", "%s and %s"), head->str, names[n - 1]);
}

char *
dav_doctor_fault_dup_clients_line (const DavDoctorFault *fault)
{
  const char *broken[DAV_N_CLIENTS];
  const char *degraded[DAV_N_CLIENTS];
  guint n_broken = 0;
  guint n_degraded = 0;
  g_autofree char *broken_list = NULL;
  g_autofree char *degraded_list = NULL;
  g_autofree char *breaks = NULL;
  g_autofree char *degrades = NULL;

  g_return_val_if_fail (fault != NULL, NULL);

  /* Not the same as "no client minds": nobody looked. */
  if (fault->impacts == NULL)
    return g_strdup (_("No client study covers this fault."));

  for (const DavClientImpact *impact = fault->impacts;
       impact != NULL && impact->client < DAV_N_CLIENTS;
       impact++)
    {
      if (impact->effect == DAV_CLIENT_EFFECT_BREAKS)
        broken[n_broken++] = dav_client_app_get_name (impact->client);
      else if (impact->effect == DAV_CLIENT_EFFECT_DEGRADES)
        degraded[n_degraded++] = dav_client_app_get_name (impact->client);
    }

  if (n_broken == 0 && n_degraded == 0)
    return g_strdup (_("No known client depends on it."));

  /* Plural forms by the number of clients: in German they are the
   * sentence's subject ("GNOME Files und rclone funktionieren nicht"). */
  if (n_broken > 0)
    {
      broken_list = dup_name_list (broken, n_broken);
      /* Translators: %s is one client or a list of them, "GNOME Files and
       * rclone"; a "; degrades …" part may follow in the same sentence. */
      breaks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Breaks %s", "Breaks %s", n_broken),
                                broken_list);
    }

  if (n_degraded > 0)
    {
      degraded_list = dup_name_list (degraded, n_degraded);
      if (breaks == NULL)
        /* Translators: %s is one client or a list of them: the client
         * works, with less (no sizes, read-only, misleading messages). */
        degrades = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Degrades %s", "Degrades %s", n_degraded),
                                    degraded_list);
      else
        /* Translators: the same, after "Breaks …; " in one sentence. */
        degrades = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "degrades %s", "degrades %s", n_degraded),
                                    degraded_list);
    }

  if (breaks != NULL && degrades != NULL)
    /* Translators: joins "Breaks GNOME Files" and "degrades KDE Dolphin"
     * into one sentence. */
    return g_strdup_printf (C_("clients line", "%s; %s."), breaks, degrades);

  /* Translators: ends "Breaks GNOME Files" or "Degrades KDE Dolphin" as a
   * sentence. */
  return g_strdup_printf (C_("clients line", "%s."), breaks != NULL ? breaks : degrades);
}
