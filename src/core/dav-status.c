/* dav-status.c: the HTTP / WebDAV status catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two static tables: the status codes (RFC 2616 §10, RFC 9110 §15, the
 * WebDAV RFCs and the later registrations a WebDAV user can meet) and the
 * DAV: condition elements a server puts inside DAV:error (RFC 4918 §16 and
 * the extensions).  Strings are marked with N_() and translated when a
 * lookup fills the caller's struct; the ids returned by the *_to_string ()
 * functions and the RFC references are not translated.
 */

#include "dav-status.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* The constants web frameworks give each code, checked against their
 * sources: Rack 3.1+ (the symbols Rails accepts), Symfony HttpFoundation,
 * .NET System.Net (8+), the Rust http crate (1.x), Go net/http, Python
 * http (3.13+), Apache HttpComponents Core 5.3+ and Angular.  A framework
 * without a constant for a code is left out of that code's list. */

static const DavFrameworkName fw_100[] = {
  { "Rails", ":continue" },
  { "Symfony", "Response::HTTP_CONTINUE" },
  { ".NET", "HttpStatusCode.Continue" },
  { "Rust http", "StatusCode::CONTINUE" },
  { "Go net/http", "http.StatusContinue" },
  { "Python http", "HTTPStatus.CONTINUE" },
  { "Apache HttpComponents", "HttpStatus.SC_CONTINUE" },
  { "Angular", "HttpStatusCode.Continue" },
  { NULL, NULL }
};

static const DavFrameworkName fw_101[] = {
  { "Rails", ":switching_protocols" },
  { "Symfony", "Response::HTTP_SWITCHING_PROTOCOLS" },
  { ".NET", "HttpStatusCode.SwitchingProtocols" },
  { "Rust http", "StatusCode::SWITCHING_PROTOCOLS" },
  { "Go net/http", "http.StatusSwitchingProtocols" },
  { "Python http", "HTTPStatus.SWITCHING_PROTOCOLS" },
  { "Apache HttpComponents", "HttpStatus.SC_SWITCHING_PROTOCOLS" },
  { "Angular", "HttpStatusCode.SwitchingProtocols" },
  { NULL, NULL }
};

static const DavFrameworkName fw_102[] = {
  { "Rails", ":processing" },
  { "Symfony", "Response::HTTP_PROCESSING" },
  { ".NET", "HttpStatusCode.Processing" },
  { "Rust http", "StatusCode::PROCESSING" },
  { "Go net/http", "http.StatusProcessing" },
  { "Python http", "HTTPStatus.PROCESSING" },
  { "Apache HttpComponents", "HttpStatus.SC_PROCESSING" },
  { "Angular", "HttpStatusCode.Processing" },
  { NULL, NULL }
};

static const DavFrameworkName fw_103[] = {
  { "Rails", ":early_hints" },
  { "Symfony", "Response::HTTP_EARLY_HINTS" },
  { ".NET", "HttpStatusCode.EarlyHints" },
  { "Rust http", "StatusCode::EARLY_HINTS" },
  { "Go net/http", "http.StatusEarlyHints" },
  { "Python http", "HTTPStatus.EARLY_HINTS" },
  { "Apache HttpComponents", "HttpStatus.SC_EARLY_HINTS" },
  { "Angular", "HttpStatusCode.EarlyHints" },
  { NULL, NULL }
};

static const DavFrameworkName fw_200[] = {
  { "Rails", ":ok" },
  { "Symfony", "Response::HTTP_OK" },
  { ".NET", "HttpStatusCode.OK" },
  { "Rust http", "StatusCode::OK" },
  { "Go net/http", "http.StatusOK" },
  { "Python http", "HTTPStatus.OK" },
  { "Apache HttpComponents", "HttpStatus.SC_OK" },
  { "Angular", "HttpStatusCode.Ok" },
  { NULL, NULL }
};

static const DavFrameworkName fw_201[] = {
  { "Rails", ":created" },
  { "Symfony", "Response::HTTP_CREATED" },
  { ".NET", "HttpStatusCode.Created" },
  { "Rust http", "StatusCode::CREATED" },
  { "Go net/http", "http.StatusCreated" },
  { "Python http", "HTTPStatus.CREATED" },
  { "Apache HttpComponents", "HttpStatus.SC_CREATED" },
  { "Angular", "HttpStatusCode.Created" },
  { NULL, NULL }
};

static const DavFrameworkName fw_202[] = {
  { "Rails", ":accepted" },
  { "Symfony", "Response::HTTP_ACCEPTED" },
  { ".NET", "HttpStatusCode.Accepted" },
  { "Rust http", "StatusCode::ACCEPTED" },
  { "Go net/http", "http.StatusAccepted" },
  { "Python http", "HTTPStatus.ACCEPTED" },
  { "Apache HttpComponents", "HttpStatus.SC_ACCEPTED" },
  { "Angular", "HttpStatusCode.Accepted" },
  { NULL, NULL }
};

static const DavFrameworkName fw_203[] = {
  { "Rails", ":non_authoritative_information" },
  { "Symfony", "Response::HTTP_NON_AUTHORITATIVE_INFORMATION" },
  { ".NET", "HttpStatusCode.NonAuthoritativeInformation" },
  { "Rust http", "StatusCode::NON_AUTHORITATIVE_INFORMATION" },
  { "Go net/http", "http.StatusNonAuthoritativeInfo" },
  { "Python http", "HTTPStatus.NON_AUTHORITATIVE_INFORMATION" },
  { "Apache HttpComponents", "HttpStatus.SC_NON_AUTHORITATIVE_INFORMATION" },
  { "Angular", "HttpStatusCode.NonAuthoritativeInformation" },
  { NULL, NULL }
};

static const DavFrameworkName fw_204[] = {
  { "Rails", ":no_content" },
  { "Symfony", "Response::HTTP_NO_CONTENT" },
  { ".NET", "HttpStatusCode.NoContent" },
  { "Rust http", "StatusCode::NO_CONTENT" },
  { "Go net/http", "http.StatusNoContent" },
  { "Python http", "HTTPStatus.NO_CONTENT" },
  { "Apache HttpComponents", "HttpStatus.SC_NO_CONTENT" },
  { "Angular", "HttpStatusCode.NoContent" },
  { NULL, NULL }
};

static const DavFrameworkName fw_205[] = {
  { "Rails", ":reset_content" },
  { "Symfony", "Response::HTTP_RESET_CONTENT" },
  { ".NET", "HttpStatusCode.ResetContent" },
  { "Rust http", "StatusCode::RESET_CONTENT" },
  { "Go net/http", "http.StatusResetContent" },
  { "Python http", "HTTPStatus.RESET_CONTENT" },
  { "Apache HttpComponents", "HttpStatus.SC_RESET_CONTENT" },
  { "Angular", "HttpStatusCode.ResetContent" },
  { NULL, NULL }
};

static const DavFrameworkName fw_206[] = {
  { "Rails", ":partial_content" },
  { "Symfony", "Response::HTTP_PARTIAL_CONTENT" },
  { ".NET", "HttpStatusCode.PartialContent" },
  { "Rust http", "StatusCode::PARTIAL_CONTENT" },
  { "Go net/http", "http.StatusPartialContent" },
  { "Python http", "HTTPStatus.PARTIAL_CONTENT" },
  { "Apache HttpComponents", "HttpStatus.SC_PARTIAL_CONTENT" },
  { "Angular", "HttpStatusCode.PartialContent" },
  { NULL, NULL }
};

static const DavFrameworkName fw_207[] = {
  { "Rails", ":multi_status" },
  { "Symfony", "Response::HTTP_MULTI_STATUS" },
  { ".NET", "HttpStatusCode.MultiStatus" },
  { "Rust http", "StatusCode::MULTI_STATUS" },
  { "Go net/http", "http.StatusMultiStatus" },
  { "Python http", "HTTPStatus.MULTI_STATUS" },
  { "Apache HttpComponents", "HttpStatus.SC_MULTI_STATUS" },
  { "Angular", "HttpStatusCode.MultiStatus" },
  { NULL, NULL }
};

static const DavFrameworkName fw_208[] = {
  { "Rails", ":already_reported" },
  { "Symfony", "Response::HTTP_ALREADY_REPORTED" },
  { ".NET", "HttpStatusCode.AlreadyReported" },
  { "Rust http", "StatusCode::ALREADY_REPORTED" },
  { "Go net/http", "http.StatusAlreadyReported" },
  { "Python http", "HTTPStatus.ALREADY_REPORTED" },
  { "Apache HttpComponents", "HttpStatus.SC_ALREADY_REPORTED" },
  { "Angular", "HttpStatusCode.AlreadyReported" },
  { NULL, NULL }
};

static const DavFrameworkName fw_226[] = {
  { "Rails", ":im_used" },
  { "Symfony", "Response::HTTP_IM_USED" },
  { ".NET", "HttpStatusCode.IMUsed" },
  { "Rust http", "StatusCode::IM_USED" },
  { "Go net/http", "http.StatusIMUsed" },
  { "Python http", "HTTPStatus.IM_USED" },
  { "Apache HttpComponents", "HttpStatus.SC_IM_USED" },
  { "Angular", "HttpStatusCode.ImUsed" },
  { NULL, NULL }
};

static const DavFrameworkName fw_300[] = {
  { "Rails", ":multiple_choices" },
  { "Symfony", "Response::HTTP_MULTIPLE_CHOICES" },
  { ".NET", "HttpStatusCode.MultipleChoices" },
  { "Rust http", "StatusCode::MULTIPLE_CHOICES" },
  { "Go net/http", "http.StatusMultipleChoices" },
  { "Python http", "HTTPStatus.MULTIPLE_CHOICES" },
  { "Apache HttpComponents", "HttpStatus.SC_MULTIPLE_CHOICES" },
  { "Angular", "HttpStatusCode.MultipleChoices" },
  { NULL, NULL }
};

static const DavFrameworkName fw_301[] = {
  { "Rails", ":moved_permanently" },
  { "Symfony", "Response::HTTP_MOVED_PERMANENTLY" },
  { ".NET", "HttpStatusCode.MovedPermanently" },
  { "Rust http", "StatusCode::MOVED_PERMANENTLY" },
  { "Go net/http", "http.StatusMovedPermanently" },
  { "Python http", "HTTPStatus.MOVED_PERMANENTLY" },
  { "Apache HttpComponents", "HttpStatus.SC_MOVED_PERMANENTLY" },
  { "Angular", "HttpStatusCode.MovedPermanently" },
  { NULL, NULL }
};

static const DavFrameworkName fw_302[] = {
  { "Rails", ":found" },
  { "Symfony", "Response::HTTP_FOUND" },
  { ".NET", "HttpStatusCode.Found" },
  { "Rust http", "StatusCode::FOUND" },
  { "Go net/http", "http.StatusFound" },
  { "Python http", "HTTPStatus.FOUND" },
  { "Apache HttpComponents", "HttpStatus.SC_MOVED_TEMPORARILY" },
  { "Angular", "HttpStatusCode.Found" },
  { NULL, NULL }
};

static const DavFrameworkName fw_303[] = {
  { "Rails", ":see_other" },
  { "Symfony", "Response::HTTP_SEE_OTHER" },
  { ".NET", "HttpStatusCode.SeeOther" },
  { "Rust http", "StatusCode::SEE_OTHER" },
  { "Go net/http", "http.StatusSeeOther" },
  { "Python http", "HTTPStatus.SEE_OTHER" },
  { "Apache HttpComponents", "HttpStatus.SC_SEE_OTHER" },
  { "Angular", "HttpStatusCode.SeeOther" },
  { NULL, NULL }
};

static const DavFrameworkName fw_304[] = {
  { "Rails", ":not_modified" },
  { "Symfony", "Response::HTTP_NOT_MODIFIED" },
  { ".NET", "HttpStatusCode.NotModified" },
  { "Rust http", "StatusCode::NOT_MODIFIED" },
  { "Go net/http", "http.StatusNotModified" },
  { "Python http", "HTTPStatus.NOT_MODIFIED" },
  { "Apache HttpComponents", "HttpStatus.SC_NOT_MODIFIED" },
  { "Angular", "HttpStatusCode.NotModified" },
  { NULL, NULL }
};

static const DavFrameworkName fw_305[] = {
  { "Rails", ":use_proxy" },
  { "Symfony", "Response::HTTP_USE_PROXY" },
  { ".NET", "HttpStatusCode.UseProxy" },
  { "Rust http", "StatusCode::USE_PROXY" },
  { "Go net/http", "http.StatusUseProxy" },
  { "Python http", "HTTPStatus.USE_PROXY" },
  { "Apache HttpComponents", "HttpStatus.SC_USE_PROXY" },
  { "Angular", "HttpStatusCode.UseProxy" },
  { NULL, NULL }
};

static const DavFrameworkName fw_306[] = {
  { "Symfony", "Response::HTTP_RESERVED" },
  { ".NET", "HttpStatusCode.Unused" },
  { "Angular", "HttpStatusCode.Unused" },
  { NULL, NULL }
};

static const DavFrameworkName fw_307[] = {
  { "Rails", ":temporary_redirect" },
  { "Symfony", "Response::HTTP_TEMPORARY_REDIRECT" },
  { ".NET", "HttpStatusCode.TemporaryRedirect" },
  { "Rust http", "StatusCode::TEMPORARY_REDIRECT" },
  { "Go net/http", "http.StatusTemporaryRedirect" },
  { "Python http", "HTTPStatus.TEMPORARY_REDIRECT" },
  { "Apache HttpComponents", "HttpStatus.SC_TEMPORARY_REDIRECT" },
  { "Angular", "HttpStatusCode.TemporaryRedirect" },
  { NULL, NULL }
};

static const DavFrameworkName fw_308[] = {
  { "Rails", ":permanent_redirect" },
  { "Symfony", "Response::HTTP_PERMANENTLY_REDIRECT" },
  { ".NET", "HttpStatusCode.PermanentRedirect" },
  { "Rust http", "StatusCode::PERMANENT_REDIRECT" },
  { "Go net/http", "http.StatusPermanentRedirect" },
  { "Python http", "HTTPStatus.PERMANENT_REDIRECT" },
  { "Apache HttpComponents", "HttpStatus.SC_PERMANENT_REDIRECT" },
  { "Angular", "HttpStatusCode.PermanentRedirect" },
  { NULL, NULL }
};

static const DavFrameworkName fw_400[] = {
  { "Rails", ":bad_request" },
  { "Symfony", "Response::HTTP_BAD_REQUEST" },
  { ".NET", "HttpStatusCode.BadRequest" },
  { "Rust http", "StatusCode::BAD_REQUEST" },
  { "Go net/http", "http.StatusBadRequest" },
  { "Python http", "HTTPStatus.BAD_REQUEST" },
  { "Apache HttpComponents", "HttpStatus.SC_BAD_REQUEST" },
  { "Angular", "HttpStatusCode.BadRequest" },
  { NULL, NULL }
};

static const DavFrameworkName fw_401[] = {
  { "Rails", ":unauthorized" },
  { "Symfony", "Response::HTTP_UNAUTHORIZED" },
  { ".NET", "HttpStatusCode.Unauthorized" },
  { "Rust http", "StatusCode::UNAUTHORIZED" },
  { "Go net/http", "http.StatusUnauthorized" },
  { "Python http", "HTTPStatus.UNAUTHORIZED" },
  { "Apache HttpComponents", "HttpStatus.SC_UNAUTHORIZED" },
  { "Angular", "HttpStatusCode.Unauthorized" },
  { NULL, NULL }
};

static const DavFrameworkName fw_402[] = {
  { "Rails", ":payment_required" },
  { "Symfony", "Response::HTTP_PAYMENT_REQUIRED" },
  { ".NET", "HttpStatusCode.PaymentRequired" },
  { "Rust http", "StatusCode::PAYMENT_REQUIRED" },
  { "Go net/http", "http.StatusPaymentRequired" },
  { "Python http", "HTTPStatus.PAYMENT_REQUIRED" },
  { "Apache HttpComponents", "HttpStatus.SC_PAYMENT_REQUIRED" },
  { "Angular", "HttpStatusCode.PaymentRequired" },
  { NULL, NULL }
};

static const DavFrameworkName fw_403[] = {
  { "Rails", ":forbidden" },
  { "Symfony", "Response::HTTP_FORBIDDEN" },
  { ".NET", "HttpStatusCode.Forbidden" },
  { "Rust http", "StatusCode::FORBIDDEN" },
  { "Go net/http", "http.StatusForbidden" },
  { "Python http", "HTTPStatus.FORBIDDEN" },
  { "Apache HttpComponents", "HttpStatus.SC_FORBIDDEN" },
  { "Angular", "HttpStatusCode.Forbidden" },
  { NULL, NULL }
};

static const DavFrameworkName fw_404[] = {
  { "Rails", ":not_found" },
  { "Symfony", "Response::HTTP_NOT_FOUND" },
  { ".NET", "HttpStatusCode.NotFound" },
  { "Rust http", "StatusCode::NOT_FOUND" },
  { "Go net/http", "http.StatusNotFound" },
  { "Python http", "HTTPStatus.NOT_FOUND" },
  { "Apache HttpComponents", "HttpStatus.SC_NOT_FOUND" },
  { "Angular", "HttpStatusCode.NotFound" },
  { NULL, NULL }
};

static const DavFrameworkName fw_405[] = {
  { "Rails", ":method_not_allowed" },
  { "Symfony", "Response::HTTP_METHOD_NOT_ALLOWED" },
  { ".NET", "HttpStatusCode.MethodNotAllowed" },
  { "Rust http", "StatusCode::METHOD_NOT_ALLOWED" },
  { "Go net/http", "http.StatusMethodNotAllowed" },
  { "Python http", "HTTPStatus.METHOD_NOT_ALLOWED" },
  { "Apache HttpComponents", "HttpStatus.SC_METHOD_NOT_ALLOWED" },
  { "Angular", "HttpStatusCode.MethodNotAllowed" },
  { NULL, NULL }
};

static const DavFrameworkName fw_406[] = {
  { "Rails", ":not_acceptable" },
  { "Symfony", "Response::HTTP_NOT_ACCEPTABLE" },
  { ".NET", "HttpStatusCode.NotAcceptable" },
  { "Rust http", "StatusCode::NOT_ACCEPTABLE" },
  { "Go net/http", "http.StatusNotAcceptable" },
  { "Python http", "HTTPStatus.NOT_ACCEPTABLE" },
  { "Apache HttpComponents", "HttpStatus.SC_NOT_ACCEPTABLE" },
  { "Angular", "HttpStatusCode.NotAcceptable" },
  { NULL, NULL }
};

static const DavFrameworkName fw_407[] = {
  { "Rails", ":proxy_authentication_required" },
  { "Symfony", "Response::HTTP_PROXY_AUTHENTICATION_REQUIRED" },
  { ".NET", "HttpStatusCode.ProxyAuthenticationRequired" },
  { "Rust http", "StatusCode::PROXY_AUTHENTICATION_REQUIRED" },
  { "Go net/http", "http.StatusProxyAuthRequired" },
  { "Python http", "HTTPStatus.PROXY_AUTHENTICATION_REQUIRED" },
  { "Apache HttpComponents", "HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED" },
  { "Angular", "HttpStatusCode.ProxyAuthenticationRequired" },
  { NULL, NULL }
};

static const DavFrameworkName fw_408[] = {
  { "Rails", ":request_timeout" },
  { "Symfony", "Response::HTTP_REQUEST_TIMEOUT" },
  { ".NET", "HttpStatusCode.RequestTimeout" },
  { "Rust http", "StatusCode::REQUEST_TIMEOUT" },
  { "Go net/http", "http.StatusRequestTimeout" },
  { "Python http", "HTTPStatus.REQUEST_TIMEOUT" },
  { "Apache HttpComponents", "HttpStatus.SC_REQUEST_TIMEOUT" },
  { "Angular", "HttpStatusCode.RequestTimeout" },
  { NULL, NULL }
};

static const DavFrameworkName fw_409[] = {
  { "Rails", ":conflict" },
  { "Symfony", "Response::HTTP_CONFLICT" },
  { ".NET", "HttpStatusCode.Conflict" },
  { "Rust http", "StatusCode::CONFLICT" },
  { "Go net/http", "http.StatusConflict" },
  { "Python http", "HTTPStatus.CONFLICT" },
  { "Apache HttpComponents", "HttpStatus.SC_CONFLICT" },
  { "Angular", "HttpStatusCode.Conflict" },
  { NULL, NULL }
};

static const DavFrameworkName fw_410[] = {
  { "Rails", ":gone" },
  { "Symfony", "Response::HTTP_GONE" },
  { ".NET", "HttpStatusCode.Gone" },
  { "Rust http", "StatusCode::GONE" },
  { "Go net/http", "http.StatusGone" },
  { "Python http", "HTTPStatus.GONE" },
  { "Apache HttpComponents", "HttpStatus.SC_GONE" },
  { "Angular", "HttpStatusCode.Gone" },
  { NULL, NULL }
};

static const DavFrameworkName fw_411[] = {
  { "Rails", ":length_required" },
  { "Symfony", "Response::HTTP_LENGTH_REQUIRED" },
  { ".NET", "HttpStatusCode.LengthRequired" },
  { "Rust http", "StatusCode::LENGTH_REQUIRED" },
  { "Go net/http", "http.StatusLengthRequired" },
  { "Python http", "HTTPStatus.LENGTH_REQUIRED" },
  { "Apache HttpComponents", "HttpStatus.SC_LENGTH_REQUIRED" },
  { "Angular", "HttpStatusCode.LengthRequired" },
  { NULL, NULL }
};

static const DavFrameworkName fw_412[] = {
  { "Rails", ":precondition_failed" },
  { "Symfony", "Response::HTTP_PRECONDITION_FAILED" },
  { ".NET", "HttpStatusCode.PreconditionFailed" },
  { "Rust http", "StatusCode::PRECONDITION_FAILED" },
  { "Go net/http", "http.StatusPreconditionFailed" },
  { "Python http", "HTTPStatus.PRECONDITION_FAILED" },
  { "Apache HttpComponents", "HttpStatus.SC_PRECONDITION_FAILED" },
  { "Angular", "HttpStatusCode.PreconditionFailed" },
  { NULL, NULL }
};

static const DavFrameworkName fw_413[] = {
  { "Rails", ":content_too_large" },
  { "Symfony", "Response::HTTP_REQUEST_ENTITY_TOO_LARGE" },
  { ".NET", "HttpStatusCode.RequestEntityTooLarge" },
  { "Rust http", "StatusCode::PAYLOAD_TOO_LARGE" },
  { "Go net/http", "http.StatusRequestEntityTooLarge" },
  { "Python http", "HTTPStatus.CONTENT_TOO_LARGE" },
  { "Apache HttpComponents", "HttpStatus.SC_REQUEST_TOO_LONG" },
  { "Angular", "HttpStatusCode.PayloadTooLarge" },
  { NULL, NULL }
};

static const DavFrameworkName fw_414[] = {
  { "Rails", ":uri_too_long" },
  { "Symfony", "Response::HTTP_REQUEST_URI_TOO_LONG" },
  { ".NET", "HttpStatusCode.RequestUriTooLong" },
  { "Rust http", "StatusCode::URI_TOO_LONG" },
  { "Go net/http", "http.StatusRequestURITooLong" },
  { "Python http", "HTTPStatus.URI_TOO_LONG" },
  { "Apache HttpComponents", "HttpStatus.SC_REQUEST_URI_TOO_LONG" },
  { "Angular", "HttpStatusCode.UriTooLong" },
  { NULL, NULL }
};

static const DavFrameworkName fw_415[] = {
  { "Rails", ":unsupported_media_type" },
  { "Symfony", "Response::HTTP_UNSUPPORTED_MEDIA_TYPE" },
  { ".NET", "HttpStatusCode.UnsupportedMediaType" },
  { "Rust http", "StatusCode::UNSUPPORTED_MEDIA_TYPE" },
  { "Go net/http", "http.StatusUnsupportedMediaType" },
  { "Python http", "HTTPStatus.UNSUPPORTED_MEDIA_TYPE" },
  { "Apache HttpComponents", "HttpStatus.SC_UNSUPPORTED_MEDIA_TYPE" },
  { "Angular", "HttpStatusCode.UnsupportedMediaType" },
  { NULL, NULL }
};

static const DavFrameworkName fw_416[] = {
  { "Rails", ":range_not_satisfiable" },
  { "Symfony", "Response::HTTP_REQUESTED_RANGE_NOT_SATISFIABLE" },
  { ".NET", "HttpStatusCode.RequestedRangeNotSatisfiable" },
  { "Rust http", "StatusCode::RANGE_NOT_SATISFIABLE" },
  { "Go net/http", "http.StatusRequestedRangeNotSatisfiable" },
  { "Python http", "HTTPStatus.RANGE_NOT_SATISFIABLE" },
  { "Apache HttpComponents", "HttpStatus.SC_REQUESTED_RANGE_NOT_SATISFIABLE" },
  { "Angular", "HttpStatusCode.RangeNotSatisfiable" },
  { NULL, NULL }
};

static const DavFrameworkName fw_417[] = {
  { "Rails", ":expectation_failed" },
  { "Symfony", "Response::HTTP_EXPECTATION_FAILED" },
  { ".NET", "HttpStatusCode.ExpectationFailed" },
  { "Rust http", "StatusCode::EXPECTATION_FAILED" },
  { "Go net/http", "http.StatusExpectationFailed" },
  { "Python http", "HTTPStatus.EXPECTATION_FAILED" },
  { "Apache HttpComponents", "HttpStatus.SC_EXPECTATION_FAILED" },
  { "Angular", "HttpStatusCode.ExpectationFailed" },
  { NULL, NULL }
};

static const DavFrameworkName fw_418[] = {
  { "Symfony", "Response::HTTP_I_AM_A_TEAPOT" },
  { "Rust http", "StatusCode::IM_A_TEAPOT" },
  { "Go net/http", "http.StatusTeapot" },
  { "Python http", "HTTPStatus.IM_A_TEAPOT" },
  { "Angular", "HttpStatusCode.ImATeapot" },
  { NULL, NULL }
};

static const DavFrameworkName fw_421[] = {
  { "Rails", ":misdirected_request" },
  { "Symfony", "Response::HTTP_MISDIRECTED_REQUEST" },
  { ".NET", "HttpStatusCode.MisdirectedRequest" },
  { "Rust http", "StatusCode::MISDIRECTED_REQUEST" },
  { "Go net/http", "http.StatusMisdirectedRequest" },
  { "Python http", "HTTPStatus.MISDIRECTED_REQUEST" },
  { "Apache HttpComponents", "HttpStatus.SC_MISDIRECTED_REQUEST" },
  { "Angular", "HttpStatusCode.MisdirectedRequest" },
  { NULL, NULL }
};

static const DavFrameworkName fw_422[] = {
  { "Rails", ":unprocessable_content" },
  { "Symfony", "Response::HTTP_UNPROCESSABLE_ENTITY" },
  { ".NET", "HttpStatusCode.UnprocessableContent" },
  { "Rust http", "StatusCode::UNPROCESSABLE_ENTITY" },
  { "Go net/http", "http.StatusUnprocessableEntity" },
  { "Python http", "HTTPStatus.UNPROCESSABLE_CONTENT" },
  { "Apache HttpComponents", "HttpStatus.SC_UNPROCESSABLE_CONTENT" },
  { "Angular", "HttpStatusCode.UnprocessableEntity" },
  { NULL, NULL }
};

static const DavFrameworkName fw_423[] = {
  { "Rails", ":locked" },
  { "Symfony", "Response::HTTP_LOCKED" },
  { ".NET", "HttpStatusCode.Locked" },
  { "Rust http", "StatusCode::LOCKED" },
  { "Go net/http", "http.StatusLocked" },
  { "Python http", "HTTPStatus.LOCKED" },
  { "Apache HttpComponents", "HttpStatus.SC_LOCKED" },
  { "Angular", "HttpStatusCode.Locked" },
  { NULL, NULL }
};

static const DavFrameworkName fw_424[] = {
  { "Rails", ":failed_dependency" },
  { "Symfony", "Response::HTTP_FAILED_DEPENDENCY" },
  { ".NET", "HttpStatusCode.FailedDependency" },
  { "Rust http", "StatusCode::FAILED_DEPENDENCY" },
  { "Go net/http", "http.StatusFailedDependency" },
  { "Python http", "HTTPStatus.FAILED_DEPENDENCY" },
  { "Apache HttpComponents", "HttpStatus.SC_FAILED_DEPENDENCY" },
  { "Angular", "HttpStatusCode.FailedDependency" },
  { NULL, NULL }
};

static const DavFrameworkName fw_425[] = {
  { "Rails", ":too_early" },
  { "Symfony", "Response::HTTP_TOO_EARLY" },
  { "Rust http", "StatusCode::TOO_EARLY" },
  { "Go net/http", "http.StatusTooEarly" },
  { "Python http", "HTTPStatus.TOO_EARLY" },
  { "Apache HttpComponents", "HttpStatus.SC_TOO_EARLY" },
  { "Angular", "HttpStatusCode.TooEarly" },
  { NULL, NULL }
};

static const DavFrameworkName fw_426[] = {
  { "Rails", ":upgrade_required" },
  { "Symfony", "Response::HTTP_UPGRADE_REQUIRED" },
  { ".NET", "HttpStatusCode.UpgradeRequired" },
  { "Rust http", "StatusCode::UPGRADE_REQUIRED" },
  { "Go net/http", "http.StatusUpgradeRequired" },
  { "Python http", "HTTPStatus.UPGRADE_REQUIRED" },
  { "Apache HttpComponents", "HttpStatus.SC_UPGRADE_REQUIRED" },
  { "Angular", "HttpStatusCode.UpgradeRequired" },
  { NULL, NULL }
};

static const DavFrameworkName fw_428[] = {
  { "Rails", ":precondition_required" },
  { "Symfony", "Response::HTTP_PRECONDITION_REQUIRED" },
  { ".NET", "HttpStatusCode.PreconditionRequired" },
  { "Rust http", "StatusCode::PRECONDITION_REQUIRED" },
  { "Go net/http", "http.StatusPreconditionRequired" },
  { "Python http", "HTTPStatus.PRECONDITION_REQUIRED" },
  { "Apache HttpComponents", "HttpStatus.SC_PRECONDITION_REQUIRED" },
  { "Angular", "HttpStatusCode.PreconditionRequired" },
  { NULL, NULL }
};

static const DavFrameworkName fw_429[] = {
  { "Rails", ":too_many_requests" },
  { "Symfony", "Response::HTTP_TOO_MANY_REQUESTS" },
  { ".NET", "HttpStatusCode.TooManyRequests" },
  { "Rust http", "StatusCode::TOO_MANY_REQUESTS" },
  { "Go net/http", "http.StatusTooManyRequests" },
  { "Python http", "HTTPStatus.TOO_MANY_REQUESTS" },
  { "Apache HttpComponents", "HttpStatus.SC_TOO_MANY_REQUESTS" },
  { "Angular", "HttpStatusCode.TooManyRequests" },
  { NULL, NULL }
};

static const DavFrameworkName fw_431[] = {
  { "Rails", ":request_header_fields_too_large" },
  { "Symfony", "Response::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE" },
  { ".NET", "HttpStatusCode.RequestHeaderFieldsTooLarge" },
  { "Rust http", "StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE" },
  { "Go net/http", "http.StatusRequestHeaderFieldsTooLarge" },
  { "Python http", "HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE" },
  { "Apache HttpComponents", "HttpStatus.SC_REQUEST_HEADER_FIELDS_TOO_LARGE" },
  { "Angular", "HttpStatusCode.RequestHeaderFieldsTooLarge" },
  { NULL, NULL }
};

static const DavFrameworkName fw_451[] = {
  { "Rails", ":unavailable_for_legal_reasons" },
  { "Symfony", "Response::HTTP_UNAVAILABLE_FOR_LEGAL_REASONS" },
  { ".NET", "HttpStatusCode.UnavailableForLegalReasons" },
  { "Rust http", "StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS" },
  { "Go net/http", "http.StatusUnavailableForLegalReasons" },
  { "Python http", "HTTPStatus.UNAVAILABLE_FOR_LEGAL_REASONS" },
  { "Apache HttpComponents", "HttpStatus.SC_UNAVAILABLE_FOR_LEGAL_REASONS" },
  { "Angular", "HttpStatusCode.UnavailableForLegalReasons" },
  { NULL, NULL }
};

static const DavFrameworkName fw_500[] = {
  { "Rails", ":internal_server_error" },
  { "Symfony", "Response::HTTP_INTERNAL_SERVER_ERROR" },
  { ".NET", "HttpStatusCode.InternalServerError" },
  { "Rust http", "StatusCode::INTERNAL_SERVER_ERROR" },
  { "Go net/http", "http.StatusInternalServerError" },
  { "Python http", "HTTPStatus.INTERNAL_SERVER_ERROR" },
  { "Apache HttpComponents", "HttpStatus.SC_INTERNAL_SERVER_ERROR" },
  { "Angular", "HttpStatusCode.InternalServerError" },
  { NULL, NULL }
};

static const DavFrameworkName fw_501[] = {
  { "Rails", ":not_implemented" },
  { "Symfony", "Response::HTTP_NOT_IMPLEMENTED" },
  { ".NET", "HttpStatusCode.NotImplemented" },
  { "Rust http", "StatusCode::NOT_IMPLEMENTED" },
  { "Go net/http", "http.StatusNotImplemented" },
  { "Python http", "HTTPStatus.NOT_IMPLEMENTED" },
  { "Apache HttpComponents", "HttpStatus.SC_NOT_IMPLEMENTED" },
  { "Angular", "HttpStatusCode.NotImplemented" },
  { NULL, NULL }
};

static const DavFrameworkName fw_502[] = {
  { "Rails", ":bad_gateway" },
  { "Symfony", "Response::HTTP_BAD_GATEWAY" },
  { ".NET", "HttpStatusCode.BadGateway" },
  { "Rust http", "StatusCode::BAD_GATEWAY" },
  { "Go net/http", "http.StatusBadGateway" },
  { "Python http", "HTTPStatus.BAD_GATEWAY" },
  { "Apache HttpComponents", "HttpStatus.SC_BAD_GATEWAY" },
  { "Angular", "HttpStatusCode.BadGateway" },
  { NULL, NULL }
};

static const DavFrameworkName fw_503[] = {
  { "Rails", ":service_unavailable" },
  { "Symfony", "Response::HTTP_SERVICE_UNAVAILABLE" },
  { ".NET", "HttpStatusCode.ServiceUnavailable" },
  { "Rust http", "StatusCode::SERVICE_UNAVAILABLE" },
  { "Go net/http", "http.StatusServiceUnavailable" },
  { "Python http", "HTTPStatus.SERVICE_UNAVAILABLE" },
  { "Apache HttpComponents", "HttpStatus.SC_SERVICE_UNAVAILABLE" },
  { "Angular", "HttpStatusCode.ServiceUnavailable" },
  { NULL, NULL }
};

static const DavFrameworkName fw_504[] = {
  { "Rails", ":gateway_timeout" },
  { "Symfony", "Response::HTTP_GATEWAY_TIMEOUT" },
  { ".NET", "HttpStatusCode.GatewayTimeout" },
  { "Rust http", "StatusCode::GATEWAY_TIMEOUT" },
  { "Go net/http", "http.StatusGatewayTimeout" },
  { "Python http", "HTTPStatus.GATEWAY_TIMEOUT" },
  { "Apache HttpComponents", "HttpStatus.SC_GATEWAY_TIMEOUT" },
  { "Angular", "HttpStatusCode.GatewayTimeout" },
  { NULL, NULL }
};

static const DavFrameworkName fw_505[] = {
  { "Rails", ":http_version_not_supported" },
  { "Symfony", "Response::HTTP_VERSION_NOT_SUPPORTED" },
  { ".NET", "HttpStatusCode.HttpVersionNotSupported" },
  { "Rust http", "StatusCode::HTTP_VERSION_NOT_SUPPORTED" },
  { "Go net/http", "http.StatusHTTPVersionNotSupported" },
  { "Python http", "HTTPStatus.HTTP_VERSION_NOT_SUPPORTED" },
  { "Apache HttpComponents", "HttpStatus.SC_HTTP_VERSION_NOT_SUPPORTED" },
  { "Angular", "HttpStatusCode.HttpVersionNotSupported" },
  { NULL, NULL }
};

static const DavFrameworkName fw_506[] = {
  { "Rails", ":variant_also_negotiates" },
  { "Symfony", "Response::HTTP_VARIANT_ALSO_NEGOTIATES_EXPERIMENTAL" },
  { ".NET", "HttpStatusCode.VariantAlsoNegotiates" },
  { "Rust http", "StatusCode::VARIANT_ALSO_NEGOTIATES" },
  { "Go net/http", "http.StatusVariantAlsoNegotiates" },
  { "Python http", "HTTPStatus.VARIANT_ALSO_NEGOTIATES" },
  { "Apache HttpComponents", "HttpStatus.SC_VARIANT_ALSO_NEGOTIATES" },
  { "Angular", "HttpStatusCode.VariantAlsoNegotiates" },
  { NULL, NULL }
};

static const DavFrameworkName fw_507[] = {
  { "Rails", ":insufficient_storage" },
  { "Symfony", "Response::HTTP_INSUFFICIENT_STORAGE" },
  { ".NET", "HttpStatusCode.InsufficientStorage" },
  { "Rust http", "StatusCode::INSUFFICIENT_STORAGE" },
  { "Go net/http", "http.StatusInsufficientStorage" },
  { "Python http", "HTTPStatus.INSUFFICIENT_STORAGE" },
  { "Apache HttpComponents", "HttpStatus.SC_INSUFFICIENT_STORAGE" },
  { "Angular", "HttpStatusCode.InsufficientStorage" },
  { NULL, NULL }
};

static const DavFrameworkName fw_508[] = {
  { "Rails", ":loop_detected" },
  { "Symfony", "Response::HTTP_LOOP_DETECTED" },
  { ".NET", "HttpStatusCode.LoopDetected" },
  { "Rust http", "StatusCode::LOOP_DETECTED" },
  { "Go net/http", "http.StatusLoopDetected" },
  { "Python http", "HTTPStatus.LOOP_DETECTED" },
  { "Apache HttpComponents", "HttpStatus.SC_LOOP_DETECTED" },
  { "Angular", "HttpStatusCode.LoopDetected" },
  { NULL, NULL }
};

static const DavFrameworkName fw_510[] = {
  { "Symfony", "Response::HTTP_NOT_EXTENDED" },
  { ".NET", "HttpStatusCode.NotExtended" },
  { "Rust http", "StatusCode::NOT_EXTENDED" },
  { "Go net/http", "http.StatusNotExtended" },
  { "Python http", "HTTPStatus.NOT_EXTENDED" },
  { "Apache HttpComponents", "HttpStatus.SC_NOT_EXTENDED" },
  { "Angular", "HttpStatusCode.NotExtended" },
  { NULL, NULL }
};

static const DavFrameworkName fw_511[] = {
  { "Rails", ":network_authentication_required" },
  { "Symfony", "Response::HTTP_NETWORK_AUTHENTICATION_REQUIRED" },
  { ".NET", "HttpStatusCode.NetworkAuthenticationRequired" },
  { "Rust http", "StatusCode::NETWORK_AUTHENTICATION_REQUIRED" },
  { "Go net/http", "http.StatusNetworkAuthenticationRequired" },
  { "Python http", "HTTPStatus.NETWORK_AUTHENTICATION_REQUIRED" },
  { "Apache HttpComponents", "HttpStatus.SC_NETWORK_AUTHENTICATION_REQUIRED" },
  { "Angular", "HttpStatusCode.NetworkAuthenticationRequired" },
  { NULL, NULL }
};
static const DavFrameworkName fw_none[] = {
  { NULL, NULL }
};

typedef struct {
  guint                   code;
  DavSeverity             severity;
  const char             *reason;
  const char             *explanation;
  const char             *advice;
  const char             *rfc2616;
  const char             *reference;
  const DavFrameworkName *frameworks;
} DavStatusEntry;

/* Sorted by code: dav_status_known_codes () returns them in this order. */
static const DavStatusEntry status_table[] = {
  /* 1xx: never the final result of an item.  RFC 4918 §13: they SHOULD
   * NOT be recorded in a multistatus response, so one found there is a
   * server fault and the item's outcome is unknown. */
  { 100, DAV_SEVERITY_WARNING,
    N_("Continue"),
    N_("The server said it was ready to receive the rest of the request. "
       "That is only an interim message, never the final result for an item. "
       "If it appears as the status of an item inside a 207 Multi-Status answer, "
       "it is itself a server error (such codes must not be reported there), "
       "so what really happened to this item is unknown."),
    N_("Refresh the folder to see the item’s real state. If this keeps "
       "appearing, report it to the server administrator."),
    "RFC 2616 §10.1.1", "RFC 9110 §15.2.1; RFC 4918 §13", fw_100 },
  { 101, DAV_SEVERITY_WARNING,
    N_("Switching Protocols"),
    N_("The server agreed to switch the connection to another protocol. "
       "That is only an interim message, never the final result for an item. "
       "If it appears as the status of an item inside a 207 Multi-Status answer, "
       "it is itself a server error (such codes must not be reported there), "
       "so what really happened to this item is unknown."),
    N_("Refresh the folder to see the item’s real state. If this keeps "
       "appearing, report it to the server administrator."),
    "RFC 2616 §10.1.2", "RFC 9110 §15.2.2; RFC 4918 §13", fw_101 },
  { 102, DAV_SEVERITY_WARNING,
    N_("Processing"),
    N_("The server said “still working” while it carried out a long operation, "
       "such as copying or deleting a large folder. "
       "That is only an interim message, never the final result for an item. "
       "If it appears as the status of an item inside a 207 Multi-Status answer, "
       "it is itself a server error (such codes must not be reported there), "
       "so what really happened to this item is unknown."),
    N_("Wait for the operation to finish, then refresh the folder to see the "
       "item’s real state. If the code stays on an item, report it to the "
       "server administrator."),
    NULL, "RFC 2518 §10.1; RFC 4918 §13", fw_102 },
  { 103, DAV_SEVERITY_WARNING,
    N_("Early Hints"),
    N_("The server sent hints, such as links to load in advance, before its "
       "real answer. "
       "That is only an interim message, never the final result for an item. "
       "If it appears as the status of an item inside a 207 Multi-Status answer, "
       "it is itself a server error (such codes must not be reported there), "
       "so what really happened to this item is unknown."),
    N_("Refresh the folder to see the item’s real state. If this keeps "
       "appearing, report it to the server administrator."),
    NULL, "RFC 8297 §2; RFC 4918 §13", fw_103 },

  /* 2xx */
  { 200, DAV_SEVERITY_OK,
    N_("OK"),
    N_("The request worked for this item. For a property, its value was read "
       "or changed as asked."),
    N_("Nothing to do."),
    "RFC 2616 §10.2.1", "RFC 9110 §15.3.1", fw_200 },
  { 201, DAV_SEVERITY_OK,
    N_("Created"),
    N_("The item was created: a new folder, a newly uploaded file, or a copy "
       "or moved item at a place where nothing existed before."),
    N_("Nothing to do. Refresh the folder if the new item is not shown yet."),
    "RFC 2616 §10.2.2", "RFC 9110 §15.3.2; RFC 4918 §9.3.1, §9.8.5, §9.9.4", fw_201 },
  { 202, DAV_SEVERITY_INFO,
    N_("Accepted"),
    N_("The server accepted the request but has not carried it out yet. "
       "The change to this item may happen later, or may still fail."),
    N_("Refresh later to check whether the change was made."),
    "RFC 2616 §10.2.3", "RFC 9110 §15.3.3", fw_202 },
  { 203, DAV_SEVERITY_OK,
    N_("Non-Authoritative Information"),
    N_("The request worked, but a proxy or other program between you and the "
       "server changed the answer on the way, so some details about this item "
       "may differ from what the server holds."),
    N_("Usually nothing to do. If details look wrong, ask your network "
       "administrator about the proxy."),
    "RFC 2616 §10.2.4", "RFC 9110 §15.3.4", fw_203 },
  { 204, DAV_SEVERITY_OK,
    N_("No Content"),
    N_("The request worked for this item and the server had nothing more to "
       "say. After a copy or a move, it means that an existing item at the "
       "destination was replaced."),
    N_("Nothing to do."),
    "RFC 2616 §10.2.5", "RFC 9110 §15.3.5; RFC 4918 §9.8.5, §9.9.4", fw_204 },
  { 205, DAV_SEVERITY_OK,
    N_("Reset Content"),
    N_("The request worked, and the server asks the program to clear the form "
       "or view the request came from."),
    N_("Nothing to do. Refresh the view."),
    "RFC 2616 §10.2.6", "RFC 9110 §15.3.6", fw_205 },
  { 206, DAV_SEVERITY_OK,
    N_("Partial Content"),
    N_("The server sent only the part of this file that was asked for, as "
       "happens when a download is resumed or a file is read in pieces."),
    N_("Nothing to do. The rest of the file comes with further requests."),
    "RFC 2616 §10.2.7", "RFC 9110 §15.3.7", fw_206 },
  { 207, DAV_SEVERITY_INFO,
    N_("Multi-Status"),
    N_("The server answered for several items at once, and each item has its "
       "own result inside this answer. This code alone does not say whether a "
       "given item succeeded."),
    N_("Look inside: check each item’s own status to see what happened to it."),
    NULL, "RFC 4918 §11.1, §13", fw_207 },
  { 208, DAV_SEVERITY_OK,
    N_("Already Reported"),
    N_("This folder was already listed earlier in the same answer, because it "
       "can be reached by more than one path, so the server did not list its "
       "contents again."),
    N_("Nothing to do. Look for the earlier entry of the same folder."),
    NULL, "RFC 5842 §7.1", fw_208 },
  { 226, DAV_SEVERITY_OK,
    N_("IM Used"),
    N_("The server sent only the changes to this item since a version the "
       "program already had, instead of the whole item."),
    N_("Nothing to do."),
    NULL, "RFC 3229 §10.4.1", fw_226 },

  /* 3xx: inside a 207 the new address, if any, is in DAV:location
   * (RFC 4918 §13.2). */
  { 300, DAV_SEVERITY_WARNING,
    N_("Multiple Choices"),
    N_("Several versions of this item exist, for example in different "
       "languages or formats, and the server lets the program choose one."),
    N_("Choose one of the addresses the server offers, if it lists them."),
    "RFC 2616 §10.3.1", "RFC 9110 §15.4.1", fw_300 },
  { 301, DAV_SEVERITY_WARNING,
    N_("Moved Permanently"),
    N_("This item has moved permanently to a new address. It is not lost: it "
       "lives at the new address now."),
    N_("Open the new address, and update your bookmarks or account settings."),
    "RFC 2616 §10.3.2", "RFC 9110 §15.4.2; RFC 4918 §13.2", fw_301 },
  { 302, DAV_SEVERITY_WARNING,
    N_("Found"),
    N_("This item is at another address for the moment. The original address "
       "stays the one to use later."),
    N_("Follow the other address for now, but keep using the original one."),
    "RFC 2616 §10.3.3", "RFC 9110 §15.4.3; RFC 4918 §13.2", fw_302 },
  { 303, DAV_SEVERITY_WARNING,
    N_("See Other"),
    N_("The server points to another address for the result of this request, "
       "for example a page that describes what happened."),
    N_("Open the other address to see the result."),
    "RFC 2616 §10.3.4", "RFC 9110 §15.4.4; RFC 4918 §13.2", fw_303 },
  { 304, DAV_SEVERITY_INFO,
    N_("Not Modified"),
    N_("This item has not changed since the program last fetched it, so the "
       "server did not send it again."),
    N_("Nothing to do: the copy you already have is up to date."),
    "RFC 2616 §10.3.5", "RFC 9110 §15.4.5", fw_304 },
  { 305, DAV_SEVERITY_WARNING,
    N_("Use Proxy"),
    N_("The server asks for this item to be reached through a proxy. This code "
       "is deprecated for security reasons, and programs do not follow it."),
    N_("Ask the server administrator how this server should be reached."),
    "RFC 2616 §10.3.6", "RFC 9110 §15.4.6", fw_305 },
  { 306, DAV_SEVERITY_WARNING,
    N_("(Unused)"),
    N_("This code was used in an old draft of HTTP and is now reserved; no "
       "server should send it. What it means for this item is unknown."),
    N_("Refresh to see the item’s real state, and report the code to the "
       "server administrator."),
    "RFC 2616 §10.3.7", "RFC 9110 §15.4.7", fw_306 },
  { 307, DAV_SEVERITY_WARNING,
    N_("Temporary Redirect"),
    N_("This item is at another address for the moment, and the same request "
       "must be repeated there unchanged."),
    N_("Follow the other address for now, but keep using the original one."),
    "RFC 2616 §10.3.8", "RFC 9110 §15.4.8; RFC 4918 §13.2", fw_307 },
  { 308, DAV_SEVERITY_WARNING,
    N_("Permanent Redirect"),
    N_("This item has moved permanently to a new address, and the same request "
       "must be repeated there unchanged."),
    N_("Open the new address, and update your bookmarks or account settings."),
    NULL, "RFC 9110 §15.4.9", fw_308 },

  /* 4xx */
  { 400, DAV_SEVERITY_ERROR,
    N_("Bad Request"),
    N_("The server could not understand the request for this item, for "
       "example because a header or the XML sent with it was malformed. "
       "Nothing was changed."),
    N_("Try again. If it keeps happening, it is probably a bug in this program "
       "or in the server; please report it."),
    "RFC 2616 §10.4.1", "RFC 9110 §15.5.1", fw_400 },
  { 401, DAV_SEVERITY_ERROR,
    N_("Unauthorized"),
    N_("The server needs you to log in before it gives access to this item, or "
       "it did not accept the login that was sent."),
    N_("Check your user name and password, and log in again."),
    "RFC 2616 §10.4.2", "RFC 9110 §15.5.2", fw_401 },
  { 402, DAV_SEVERITY_ERROR,
    N_("Payment Required"),
    N_("The server refuses access to this item until a payment is made. The "
       "code is reserved and rarely used."),
    N_("Check your account or subscription with the service provider."),
    "RFC 2616 §10.4.3", "RFC 9110 §15.5.3", fw_402 },
  { 403, DAV_SEVERITY_ERROR,
    N_("Forbidden"),
    N_("The server understood the request but refuses to carry it out for this "
       "item, for example because you lack the permission."),
    N_("Check that you have the right to change this item, or ask its owner or "
       "the server administrator."),
    "RFC 2616 §10.4.4", "RFC 9110 §15.5.4; RFC 4918 §9.3.1, §9.8.5", fw_403 },
  { 404, DAV_SEVERITY_ERROR,
    N_("Not Found"),
    N_("There is no item at this address: it was deleted, renamed or moved, or "
       "the address is wrong."),
    N_("Refresh the folder and check the address."),
    "RFC 2616 §10.4.5", "RFC 9110 §15.5.5", fw_404 },
  { 405, DAV_SEVERITY_ERROR,
    N_("Method Not Allowed"),
    N_("This kind of operation is not allowed on this item. For example, a "
       "folder cannot be created where an item already exists, and some servers "
       "do not allow some items to be locked or moved."),
    N_("Refresh to check whether the item exists, and use another operation."),
    "RFC 2616 §10.4.6", "RFC 9110 §15.5.6; RFC 4918 §9.3.1", fw_405 },
  { 406, DAV_SEVERITY_ERROR,
    N_("Not Acceptable"),
    N_("The server has no version of this item in a format the program said it "
       "could accept."),
    N_("Try again. If it keeps happening, report it to the server "
       "administrator."),
    "RFC 2616 §10.4.7", "RFC 9110 §15.5.7", fw_406 },
  { 407, DAV_SEVERITY_ERROR,
    N_("Proxy Authentication Required"),
    N_("A proxy between you and the server needs you to log in before it lets "
       "the request through. The request did not reach the server."),
    N_("Check your proxy settings and log in to the proxy."),
    "RFC 2616 §10.4.8", "RFC 9110 §15.5.8", fw_407 },
  { 408, DAV_SEVERITY_ERROR,
    N_("Request Timeout"),
    N_("The server waited too long for the request to arrive and gave up. "
       "Nothing was changed for this item."),
    N_("Check your connection and try again."),
    "RFC 2616 §10.4.9", "RFC 9110 §15.5.9", fw_408 },
  { 409, DAV_SEVERITY_ERROR,
    N_("Conflict"),
    N_("The request conflicts with the current state of this item. Most often "
       "a folder on the way is missing: a file or folder cannot be created, "
       "uploaded, copied or moved into a folder that does not exist."),
    N_("Check that the parent folders exist (create them first), refresh, and "
       "try again."),
    "RFC 2616 §10.4.10", "RFC 9110 §15.5.10; RFC 4918 §9.3.1, §9.7.1", fw_409 },
  { 410, DAV_SEVERITY_ERROR,
    N_("Gone"),
    N_("This item was removed from the server on purpose and will not come back "
       "at this address."),
    N_("Remove any bookmarks to it and refresh the folder."),
    "RFC 2616 §10.4.11", "RFC 9110 §15.5.11", fw_410 },
  { 411, DAV_SEVERITY_ERROR,
    N_("Length Required"),
    N_("The server wants to know the size of the upload in advance, and the "
       "request did not say it. Nothing was stored."),
    N_("Try again. If it keeps happening, report it as a bug in this program."),
    "RFC 2616 §10.4.12", "RFC 9110 §15.5.12", fw_411 },
  { 412, DAV_SEVERITY_ERROR,
    N_("Precondition Failed"),
    N_("A condition attached to the request was not met, so nothing was changed "
       "for this item. With WebDAV this happens when a copy or move would "
       "replace an existing item while replacing was not allowed, or when the "
       "item or its lock changed since the program last looked."),
    N_("Refresh to see the item’s current state, decide whether to replace the "
       "existing item, and try again."),
    "RFC 2616 §10.4.13", "RFC 9110 §15.5.13; RFC 4918 §10.4, §10.6, §12.1", fw_412 },
  { 413, DAV_SEVERITY_ERROR,
    N_("Content Too Large"),
    N_("The file or request is larger than the server accepts, so it was not "
       "stored."),
    N_("Upload a smaller file, or ask the server administrator to raise the "
       "size limit."),
    "RFC 2616 §10.4.14", "RFC 9110 §15.5.14", fw_413 },
  { 414, DAV_SEVERITY_ERROR,
    N_("URI Too Long"),
    N_("The address of this item is longer than the server accepts."),
    N_("Use shorter file and folder names, or fewer levels of folders."),
    "RFC 2616 §10.4.15", "RFC 9110 §15.5.15; RFC 4918 §12.2", fw_414 },
  { 415, DAV_SEVERITY_ERROR,
    N_("Unsupported Media Type"),
    N_("The server does not accept the kind of content that was sent for this "
       "item. When a folder is created, it means the server did not understand "
       "the extra information sent with the request."),
    N_("Try again. If it keeps happening, report it to the server "
       "administrator."),
    "RFC 2616 §10.4.16", "RFC 9110 §15.5.16; RFC 4918 §9.3.1", fw_415 },
  { 416, DAV_SEVERITY_ERROR,
    N_("Range Not Satisfiable"),
    N_("The part of this file that was asked for does not exist, for example "
       "because the file is now shorter than it was."),
    N_("Download the whole file again."),
    "RFC 2616 §10.4.17", "RFC 9110 §15.5.17", fw_416 },
  { 417, DAV_SEVERITY_ERROR,
    N_("Expectation Failed"),
    N_("The server or a proxy could not meet a condition the program stated in "
       "advance, usually the check made before a large upload. Nothing was "
       "stored."),
    N_("Try again. If it keeps happening, report it to the server "
       "administrator."),
    "RFC 2616 §10.4.18", "RFC 9110 §15.5.18", fw_417 },
  { 418, DAV_SEVERITY_ERROR,
    N_("(Unused)"),
    N_("This code comes from an April Fools’ joke (“I’m a teapot”) and is "
       "reserved; a real server should not send it. Whatever the server meant, "
       "the request was not carried out for this item."),
    N_("Report the code to the server administrator."),
    NULL, "RFC 9110 §15.5.19", fw_418 },
  { 421, DAV_SEVERITY_ERROR,
    N_("Misdirected Request"),
    N_("The request reached a server that cannot answer for this address, "
       "often because a connection was reused for another server name. "
       "Nothing was changed."),
    N_("Try again. If it keeps happening, check the server address or ask the "
       "server administrator."),
    NULL, "RFC 9110 §15.5.20", fw_421 },
  { 422, DAV_SEVERITY_ERROR,
    N_("Unprocessable Content"),
    N_("The server understood the request but could not carry it out for this "
       "item, for example because the XML sent was well formed but its "
       "content made no sense to the server. Nothing was changed."),
    N_("Check the values you entered and try again. If it keeps happening, "
       "report it."),
    NULL, "RFC 9110 §15.5.21; RFC 4918 §11.2", fw_422 },
  { 423, DAV_SEVERITY_ERROR,
    N_("Locked"),
    N_("This item is locked by someone, or by some program, so the change was "
       "refused. Nothing was changed."),
    N_("Wait until the lock is released, or ask the person who holds it. If "
       "the lock is yours, unlock the item and try again."),
    NULL, "RFC 4918 §11.3", fw_423 },
  { 424, DAV_SEVERITY_ERROR,
    N_("Failed Dependency"),
    N_("This item itself was fine, but the request was all-or-nothing and "
       "another part of it failed, so this item was not changed either. This "
       "happens when several properties are saved together, or when a folder "
       "could not be deleted, moved or locked because of one of its members."),
    N_("Find the item or property that failed, fix it, then apply the change "
       "again."),
    NULL, "RFC 4918 §11.4, §9.2.1", fw_424 },
  { 425, DAV_SEVERITY_ERROR,
    N_("Too Early"),
    N_("The server did not want to handle this request yet, because it was sent "
       "so early on a new secure connection that it could have been replayed. "
       "Nothing was changed."),
    N_("Try again; the program normally repeats the request by itself."),
    NULL, "RFC 8470 §5.2", fw_425 },
  { 426, DAV_SEVERITY_ERROR,
    N_("Upgrade Required"),
    N_("The server refuses to handle the request over the current protocol and "
       "asks for another one, such as a newer version of HTTP or an encrypted "
       "connection."),
    N_("Use an https:// address, or ask the server administrator which "
       "protocol is needed."),
    NULL, "RFC 9110 §15.5.22", fw_426 },
  { 428, DAV_SEVERITY_ERROR,
    N_("Precondition Required"),
    N_("The server only accepts changes to this item that say which version "
       "they replace, so that two people cannot overwrite each other’s work "
       "without noticing. Nothing was changed."),
    N_("Refresh the item and try again. If it keeps happening, report it as a "
       "bug in this program."),
    NULL, "RFC 6585 §3", fw_428 },
  { 429, DAV_SEVERITY_ERROR,
    N_("Too Many Requests"),
    N_("The server received too many requests from you in a short time and "
       "refused this one. Nothing was changed."),
    N_("Wait a moment, then try again."),
    NULL, "RFC 6585 §4", fw_429 },
  { 431, DAV_SEVERITY_ERROR,
    N_("Request Header Fields Too Large"),
    N_("The request carried more header data than the server accepts, often "
       "because of too many or too large cookies or login tokens."),
    N_("Log out and log in again. If it keeps happening, ask the server "
       "administrator."),
    NULL, "RFC 6585 §5", fw_431 },
  { 451, DAV_SEVERITY_ERROR,
    N_("Unavailable For Legal Reasons"),
    N_("The server refuses access to this item because of a legal demand."),
    N_("Contact the service provider if you think this is a mistake."),
    NULL, "RFC 7725 §3", fw_451 },

  /* 5xx */
  { 500, DAV_SEVERITY_ERROR,
    N_("Internal Server Error"),
    N_("The server failed while handling this item, because of a fault on the "
       "server’s side. The item may or may not have been changed."),
    N_("Refresh to check the item, then try again. If it keeps happening, ask "
       "the server administrator to look at the server’s logs."),
    "RFC 2616 §10.5.1", "RFC 9110 §15.6.1", fw_500 },
  { 501, DAV_SEVERITY_ERROR,
    N_("Not Implemented"),
    N_("The server does not support this kind of operation at all, for example "
       "locking or copying. Nothing was changed."),
    N_("Use another operation, or ask the server administrator whether the "
       "feature can be turned on."),
    "RFC 2616 §10.5.2", "RFC 9110 §15.6.2", fw_501 },
  { 502, DAV_SEVERITY_ERROR,
    N_("Bad Gateway"),
    N_("A server or proxy on the way got an invalid answer from the next "
       "server. With WebDAV it also means that a copy or move was refused "
       "because the destination is on another server."),
    N_("Try again later. To copy an item to another server, download it and "
       "upload it there instead."),
    "RFC 2616 §10.5.3", "RFC 9110 §15.6.3; RFC 4918 §9.8.5, §9.9.4", fw_502 },
  { 503, DAV_SEVERITY_ERROR,
    N_("Service Unavailable"),
    N_("The server is overloaded or down for maintenance for the moment, and "
       "did not handle this item."),
    N_("Wait a while and try again."),
    "RFC 2616 §10.5.4", "RFC 9110 §15.6.4", fw_503 },
  { 504, DAV_SEVERITY_ERROR,
    N_("Gateway Timeout"),
    N_("A server or proxy on the way waited too long for an answer from the "
       "next server. The item may or may not have been changed."),
    N_("Refresh to check the item, then try again later."),
    "RFC 2616 §10.5.5", "RFC 9110 §15.6.5", fw_504 },
  { 505, DAV_SEVERITY_ERROR,
    N_("HTTP Version Not Supported"),
    N_("The server does not support the version of HTTP the request used. "
       "Nothing was changed."),
    N_("Ask the server administrator; a proxy on the way may be at fault."),
    "RFC 2616 §10.5.6", "RFC 9110 §15.6.6", fw_505 },
  { 506, DAV_SEVERITY_ERROR,
    N_("Variant Also Negotiates"),
    N_("The server is misconfigured: choosing which version of this item to "
       "send led it round in a circle."),
    N_("Ask the server administrator to fix the server’s configuration."),
    NULL, "RFC 2295 §8.1", fw_506 },
  { 507, DAV_SEVERITY_ERROR,
    N_("Insufficient Storage"),
    N_("The server ran out of space, or your storage quota is used up, so this "
       "item could not be stored. In a folder listing it can also mean that the "
       "server stopped because the listing would have been too long."),
    N_("Free some space or ask for a larger quota. For a cut-off listing, open "
       "the subfolders one at a time."),
    NULL, "RFC 4918 §11.5", fw_507 },
  { 508, DAV_SEVERITY_ERROR,
    N_("Loop Detected"),
    N_("The server stopped because the folders loop back on themselves (a "
       "folder can be reached from inside itself), so the operation on this "
       "folder could not be finished."),
    N_("Work on the subfolders one at a time, or ask the server administrator "
       "to remove the loop."),
    NULL, "RFC 5842 §7.2", fw_508 },
  { 510, DAV_SEVERITY_ERROR,
    N_("Not Extended"),
    N_("The server needs the request to use an extension it did not use. This "
       "code is rare and comes from an experiment that was abandoned."),
    N_("Ask the server administrator."),
    NULL, "RFC 2774 §7", fw_510 },
  { 511, DAV_SEVERITY_ERROR,
    N_("Network Authentication Required"),
    N_("The network you are on wants you to log in first, as on hotel or "
       "airport Wi-Fi; the request never reached the server."),
    N_("Open a web browser, log in to the network, then try again."),
    NULL, "RFC 6585 §6", fw_511 },
};

/* A code outside the catalogue.  RFC 2616 §10 (RFC 9110 §15): a client
 * treats an unrecognised code like the x00 code of its class. */
typedef struct {
  DavSeverity  severity;
  const char  *reason;
  const char  *explanation;
  const char  *advice;
} DavUnknownClass;

static const DavUnknownClass unknown_classes[] = {
  [DAV_STATUS_CLASS_INVALID] = {
    DAV_SEVERITY_ERROR,
    N_("Invalid status code"),
    N_("This is not a valid status code: valid codes have three digits, from "
       "100 to 599 (RFC 2616 §10, RFC 9110 §15). The server’s answer is "
       "broken, so what happened to this item is unknown."),
    N_("Refresh to see the item’s real state, and report the broken answer to "
       "the server administrator."),
  },
  [DAV_STATUS_CLASS_INFORMATIONAL] = {
    DAV_SEVERITY_WARNING,
    N_("Unknown informational code"),
    N_("This code is not defined by any standard. By the rule of RFC 2616 §10 "
       "(RFC 9110 §15) it counts as 100 Continue: only an interim message, "
       "never the final result, so what really happened to this item is "
       "unknown."),
    N_("Refresh to see the item’s real state. If it keeps happening, report "
       "the code to the server administrator."),
  },
  [DAV_STATUS_CLASS_SUCCESS] = {
    DAV_SEVERITY_WARNING,
    N_("Unknown success code"),
    N_("This code is not defined by any standard. By the rule of RFC 2616 §10 "
       "(RFC 9110 §15) it counts as 200 OK: the request probably worked for "
       "this item, but the server used a non-standard code."),
    N_("Refresh to check the item. If it matters, ask the server administrator "
       "what the code means."),
  },
  [DAV_STATUS_CLASS_REDIRECTION] = {
    DAV_SEVERITY_WARNING,
    N_("Unknown redirection code"),
    N_("This code is not defined by any standard. By the rule of RFC 2616 §10 "
       "(RFC 9110 §15) it counts as 300 Multiple Choices: the item is probably "
       "at another address, but the server did not say clearly where."),
    N_("Look for a new address in the server’s answer, and ask the server "
       "administrator what the code means."),
  },
  [DAV_STATUS_CLASS_CLIENT_ERROR] = {
    DAV_SEVERITY_ERROR,
    N_("Unknown client error"),
    N_("This code is not defined by any standard. By the rule of RFC 2616 §10 "
       "(RFC 9110 §15) it counts as 400 Bad Request: the server refused the "
       "request for this item, so nothing was changed."),
    N_("Check the item and try again. If it keeps happening, ask the server "
       "administrator what the code means."),
  },
  [DAV_STATUS_CLASS_SERVER_ERROR] = {
    DAV_SEVERITY_ERROR,
    N_("Unknown server error"),
    N_("This code is not defined by any standard. By the rule of RFC 2616 §10 "
       "(RFC 9110 §15) it counts as 500 Internal Server Error: the server "
       "failed while handling this item, which may or may not have been "
       "changed."),
    N_("Refresh to check the item, then try again. If it keeps happening, ask "
       "the server administrator."),
  },
};

/* 420 "Method Failure" is not registered, but early WebDAV drafts and old
 * servers used it for what RFC 4918 calls 424 Failed Dependency. */
static const char explanation_420[] =
  N_("This code is not defined by any standard. By the rule of RFC 2616 §10 "
     "(RFC 9110 §15) it counts as 400 Bad Request: the server refused the "
     "request for this item, so nothing was changed. Old WebDAV servers sent "
     "420 “Method Failure” where 424 is now used: the item was not changed "
     "because another part of the same request failed.");

typedef struct {
  const char *name;
  gboolean    postcondition;
  const char *explanation;
  const char *advice;
  const char *reference;
} DavConditionEntry;

/* The DAV: elements of DAV:error, RFC 4918 §16 first. */
static const DavConditionEntry condition_table[] = {
  { "lock-token-matches-request-uri", FALSE,
    N_("The lock that was named to unlock this item is not a lock on this item, "
       "so the item was not unlocked."),
    N_("Refresh the item’s lock information and unlock it with the right lock, "
       "or unlock the folder that holds the lock."),
    "RFC 4918 §16" },
  { "lock-token-submitted", FALSE,
    N_("This item, or a folder it is in, is locked, and the request did not "
       "show the key of that lock, so the change was refused."),
    N_("If the lock is yours, refresh and try again. Otherwise ask the lock’s "
       "owner to unlock the item."),
    "RFC 4918 §16" },
  { "no-conflicting-lock", FALSE,
    N_("Someone already holds a lock on this item, or on an item inside or "
       "above it, that does not allow another lock, so the new lock was "
       "refused."),
    N_("Wait until the other lock is released, or ask its owner."),
    "RFC 4918 §16" },
  { "no-external-entities", FALSE,
    N_("The server refused the request because its XML pointed to outside "
       "content, which the server does not load for safety reasons."),
    N_("This is a fault of the program that sent the request; please report "
       "it."),
    "RFC 4918 §16" },
  { "preserved-live-properties", TRUE,
    N_("The item was not copied or moved, because the server could not keep the "
       "properties it manages itself (such as dates) working the same way at "
       "the destination."),
    N_("Try another destination, or download the item and upload it there "
       "instead."),
    "RFC 4918 §16" },
  { "propfind-finite-depth", FALSE,
    N_("The server refuses to list a folder together with everything below it "
       "in one go, because that could be huge."),
    N_("Open the folders one level at a time; this program normally does that "
       "by itself."),
    "RFC 4918 §16" },
  { "cannot-modify-protected-property", FALSE,
    N_("The request tried to change a property that the server manages itself, "
       "such as the size or the modification date, which cannot be set by "
       "hand."),
    N_("Change only properties that you own, and leave the server’s own "
       "properties alone."),
    "RFC 4918 §16" },

  /* RFC 3744, access control */
  { "need-privileges", FALSE,
    N_("You do not have the access rights needed for this operation on this "
       "item. The server may list which rights are missing."),
    N_("Ask the item’s owner or the server administrator to give you the "
       "rights."),
    "RFC 3744 §7.1.1" },
  { "no-ace-conflict", FALSE,
    N_("The new access rules for this item contradict each other in a way the "
       "server does not allow."),
    N_("Review the access rules and remove the conflicting ones."),
    "RFC 3744 §8.1.1" },
  { "no-protected-ace-conflict", FALSE,
    N_("The new access rules conflict with rules on this item that the server "
       "protects and that cannot be changed."),
    N_("Keep the protected rules, and adjust the others."),
    "RFC 3744 §8.1.1" },
  { "no-inherited-ace-conflict", FALSE,
    N_("The new access rules conflict with rules this item inherits from a "
       "folder above it."),
    N_("Change the rules on the parent folder, or adjust the new ones."),
    "RFC 3744 §8.1.1" },
  { "limited-number-of-aces", FALSE,
    N_("The server allows only a limited number of access rules on an item, and "
       "the new list has too many."),
    N_("Combine rules, for example by using groups."),
    "RFC 3744 §8.1.1" },
  { "deny-before-grant", FALSE,
    N_("The server needs all rules that deny access to come before the rules "
       "that grant it, and the new list does not."),
    N_("Reorder the rules so that the deny rules come first."),
    "RFC 3744 §8.1.1" },
  { "grant-only", FALSE,
    N_("This server does not support rules that deny access; only rules that "
       "grant access are allowed."),
    N_("Remove the deny rules, and grant fewer rights instead."),
    "RFC 3744 §8.1.1" },
  { "no-invert", FALSE,
    N_("This server does not support rules that apply to everyone except a "
       "given user or group."),
    N_("Rewrite the rule so that it names the users or groups it applies to."),
    "RFC 3744 §8.1.1" },
  { "no-abstract", FALSE,
    N_("A rule tried to grant or deny an abstract right, which can only be "
       "given through the more specific rights it contains."),
    N_("Use the specific rights instead."),
    "RFC 3744 §8.1.1" },
  { "not-supported-privilege", FALSE,
    N_("A rule names an access right that this server does not support on this "
       "item."),
    N_("Use only the rights the server lists as supported for the item."),
    "RFC 3744 §8.1.1" },
  { "missing-required-principal", FALSE,
    N_("The new access rules leave out a user or group that the server requires "
       "to have a rule on this item, such as its owner."),
    N_("Add the required entry back and try again."),
    "RFC 3744 §8.1.1" },
  { "recognized-principal", FALSE,
    N_("A rule names a user or group that the server does not know."),
    N_("Check the spelling, or choose the user or group from the server’s "
       "list."),
    "RFC 3744 §8.1.1" },
  { "allowed-principal", FALSE,
    N_("A rule names a user or group that may not appear in the rules of this "
       "item."),
    N_("Choose another user or group."),
    "RFC 3744 §8.1.1" },

  /* RFC 4331, quota */
  { "quota-not-exceeded", FALSE,
    N_("Storing this item would go over your storage quota, so it was not "
       "stored."),
    N_("Delete files you no longer need, or ask for a larger quota."),
    "RFC 4331 §6" },
  { "sufficient-disk-space", FALSE,
    N_("The server does not have enough free disk space to store this item."),
    N_("Try again later, or ask the server administrator to free some space."),
    "RFC 4331 §6" },

  /* RFC 6578, collection synchronization */
  { "valid-sync-token", FALSE,
    N_("The server no longer recognizes the marker the program used to ask "
       "what changed since last time, usually because it has expired."),
    N_("Reload the whole folder; the program then starts synchronizing again "
       "from scratch."),
    "RFC 6578 §3.2" },
  { "number-of-matches-within-limits", TRUE,
    N_("The answer would contain more items than the server, or the request, "
       "allows, so it was refused or cut short."),
    N_("Open smaller folders, or narrow down the search."),
    "RFC 6578 §3.2; RFC 5323 §5.17" },

  /* RFC 5689, extended MKCOL */
  { "valid-resourcetype", FALSE,
    N_("The server cannot create a collection of the requested kind, such as a "
       "calendar or an address book, at this place."),
    N_("Create an ordinary folder instead, or check which kinds the server "
       "supports."),
    "RFC 5689 §3" },

  /* RFC 3253, versioning */
  { "cannot-modify-version-controlled-content", FALSE,
    N_("This file is under version control and checked in, so its content "
       "cannot be changed until it is checked out."),
    N_("Check the file out, or ask the server administrator to turn on "
       "automatic versioning, then save again."),
    "RFC 3253 §3" },
  { "cannot-modify-version", FALSE,
    N_("This item is a stored version in a version history, and stored versions "
       "cannot be changed."),
    N_("Change the current file instead of the old version."),
    "RFC 3253 §3" },
};

static const DavStatusEntry *
find_status (guint code)
{
  gsize lo = 0;
  gsize hi = G_N_ELEMENTS (status_table);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (status_table[mid].code == code)
        return &status_table[mid];
      else if (status_table[mid].code < code)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

/* A status in a propstat is about one property, not the whole item: a
 * 404 there means the item simply lacks the property, a 409 or 403 on a
 * PROPPATCH a refused value, and a 424 the all-or-nothing rule of
 * PROPPATCH (RFC 4918 §9.2). Codes not listed here read the same for a
 * property as for an item. */
typedef struct {
  guint       code;
  const char *explanation;
  const char *advice;
  const char *reference;
} DavPropertyWording;

static const DavPropertyWording property_wordings[] = {
  { 200,
    N_("The property was read, or the change to it was saved."),
    N_("Nothing to do."),
    "RFC 4918 §9.1, §9.2" },
  { 401,
    N_("The server wants you to log in before it shows or changes this property."),
    N_("Log in with an account that may see or change it, then try again."),
    "RFC 9110 §15.5.2" },
  { 403,
    N_("The server refuses to show or change this property. It may be a protected property that the server computes itself (such as getetag or getcontentlength), or you may lack the permission."),
    N_("Leave protected properties alone; for others, ask the server administrator for the right to change them."),
    "RFC 4918 §9.2, §16 (cannot-modify-protected-property)" },
  { 404,
    N_("This item does not have this property. That is normal when a listing asks for properties not every item has; when removing a property, it was not there to begin with."),
    N_("Nothing to do, unless you expected the property to exist: then check its namespace and name."),
    "RFC 4918 §9.1" },
  { 409,
    N_("The server cannot accept this value for this property: it may be a protected property it computes itself, or a value it cannot store. Nothing was changed."),
    N_("Leave protected properties alone, or correct the value, then apply again."),
    "RFC 4918 §9.2" },
  { 423,
    N_("The item is locked, so its properties cannot be changed. Nothing was changed."),
    N_("Wait until the lock is released, or unlock the item if the lock is yours, then apply again."),
    "RFC 4918 §9.2, §11.3" },
  { 424,
    N_("This property change was fine on its own, but a property change is all-or-nothing: another property in the same request failed, so this one was not saved either."),
    N_("Fix or drop the property that failed, then apply the changes again."),
    "RFC 4918 §9.2, §11.4" },
  { 507,
    N_("The server has no room left to store this property. Nothing was changed."),
    N_("Shorten the value, or ask the server administrator for more space."),
    "RFC 4918 §9.2, §11.5" },
};

/* The same code says different things to different methods (RFC 4918
 * §9): a 409 is a missing parent folder for MKCOL and PUT, a destination
 * problem for COPY and MOVE, a token that names no lock here for UNLOCK.
 * Codes and methods not listed read as the catalogue has them. */
typedef struct {
  guint       code;
  const char *methods;      /* space-separated */
  const char *explanation;
  const char *advice;
  const char *reference;
} DavMethodWording;

static const DavMethodWording method_wordings[] = {
  { 204, "COPY MOVE",
    N_("Done: an item that was already at the destination was replaced."),
    N_("Nothing to do."),
    "RFC 4918 §9.8.5, §9.9.4" },
  { 403, "MKCOL",
    N_("The server does not allow a folder to be created at this place. Nothing was changed."),
    N_("Check that you may create folders here, or choose another place."),
    "RFC 9110 §15.5.4; RFC 4918 §9.3.1" },
  { 403, "COPY MOVE",
    N_("The server refuses this copy or move. Most often the source and the destination are the same item, or the destination lies inside the item itself; you may also lack the permission. Nothing was changed."),
    N_("Choose another destination, or ask the server administrator for the right to change these items."),
    "RFC 9110 §15.5.4; RFC 4918 §9.8.5, §9.9.4" },
  /* A listing meets these where there is no share, or no WebDAV at all:
   * above a share, on a plain web server. A 404 reads as the catalogue's. */
  { 403, "PROPFIND",
    N_("The server does not let you list this folder or read this item’s properties: you may lack the permission, or this place is not part of a share, such as what lies above one. Some servers also refuse to list a whole tree at once (Depth: infinity) and say so with the condition propfind-finite-depth."),
    N_("Open a folder inside the share, list one level at a time, or ask the server administrator for access."),
    "RFC 9110 §15.5.4; RFC 4918 §9.1" },
  { 405, "PROPFIND",
    N_("This server does not speak WebDAV at this address: it does not allow PROPFIND, the request that lists a folder, here. It may be an ordinary web server, or its WebDAV module may be on for other addresses only."),
    N_("Check the URL (a WebDAV share often has a path of its own, such as /dav/ or /remote.php/dav/), and that the server’s WebDAV module is on for it."),
    "RFC 9110 §15.5.6; RFC 4918 §9.1, §10.1" },
  { 409, "PROPFIND",
    N_("The server cannot list this item in its current state, for example because a folder on the way to it is missing."),
    N_("Check the address, refresh the folder above this one, and try again."),
    "RFC 9110 §15.5.10; RFC 4918 §9.1" },
  { 501, "PROPFIND",
    N_("This server does not speak WebDAV: it does not know PROPFIND, the request that lists a folder. It may be an ordinary web server, or its WebDAV module may be off."),
    N_("Check the URL (a WebDAV share often has a path of its own, such as /dav/ or /remote.php/dav/), and that the server’s WebDAV module is on for it."),
    "RFC 9110 §15.6.2; RFC 4918 §9.1, §10.1" },
  { 409, "COPY MOVE",
    N_("The server cannot put the item at the destination: a folder on the way to it does not exist, or what is there conflicts with the item. Nothing was changed."),
    N_("Check the destination: create its folder first or choose another one, then try again."),
    "RFC 9110 §15.5.10; RFC 4918 §9.8.5, §9.9.4" },
  { 409, "UNLOCK",
    N_("The lock token that was sent names no lock on this item: the item is not locked, the lock was taken on another item (such as a folder above it), or it expired or was removed. Nothing was changed."),
    N_("Read the item’s locks again, and remove a lock with its own token where it was taken (its lock root)."),
    "RFC 9110 §15.5.10; RFC 4918 §9.11.1" },
  { 409, "PROPPATCH",
    N_("The server cannot apply these property changes to this item in its current state. Nothing was changed."),
    N_("Refresh the item’s properties, correct the changes, and apply them again."),
    "RFC 9110 §15.5.10; RFC 4918 §9.2" },
  { 412, "COPY MOVE",
    N_("An item with this name already exists at the destination, and the request said not to replace it (Overwrite: F). Nothing was changed."),
    N_("Choose another name, or replace the existing item."),
    "RFC 9110 §15.5.13; RFC 4918 §9.8.5, §10.6" },
  { 412, "PUT",
    N_("An item with this name already exists, and the upload was sent to create a new one only (If-None-Match: *). Nothing was changed."),
    N_("Choose another name, or replace the existing item."),
    "RFC 9110 §13.1.2, §15.5.13" },
  { 412, "LOCK UNLOCK DELETE PROPPATCH MKCOL",
    N_("A condition sent with the request no longer holds: the lock token or the version of the item it named does not match the item now, because it changed or its lock expired or was removed. Nothing was changed."),
    N_("Refresh to see the item’s current state and locks, then try again."),
    "RFC 9110 §15.5.13; RFC 4918 §10.4, §12.1" },
};

static gboolean
method_in (const char *methods,
           const char *method)
{
  gsize len = strlen (method);

  for (const char *p = methods; (p = strstr (p, method)) != NULL; p += len)
    if ((p == methods || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
      return TRUE;

  return FALSE;
}

gboolean
dav_status_lookup_for_method (guint          code,
                              const char    *method,
                              DavStatusInfo *info)
{
  gboolean known = dav_status_lookup (code, info);

  if (method == NULL || *method == '\0')
    return known;

  for (gsize i = 0; i < G_N_ELEMENTS (method_wordings); i++)
    if (method_wordings[i].code == code && method_in (method_wordings[i].methods, method))
      {
        info->explanation = _(method_wordings[i].explanation);
        info->advice = _(method_wordings[i].advice);
        info->reference = method_wordings[i].reference;
        break;
      }

  return known;
}

gboolean
dav_status_lookup_property (guint          code,
                            DavStatusInfo *info)
{
  gboolean known = dav_status_lookup (code, info);

  for (gsize i = 0; i < G_N_ELEMENTS (property_wordings); i++)
    if (property_wordings[i].code == code)
      {
        info->explanation = _(property_wordings[i].explanation);
        info->advice = _(property_wordings[i].advice);
        info->reference = property_wordings[i].reference;
        /* A property an item does not have is no failure of the item. */
        if (code == 404)
          info->severity = DAV_SEVERITY_INFO;
        break;
      }

  return known;
}

DavStatusClass
dav_status_class_of (guint code)
{
  if (code >= 100 && code <= 599)
    return (DavStatusClass) (code / 100);

  return DAV_STATUS_CLASS_INVALID;
}

gboolean
dav_status_is_success (guint code)
{
  return code >= 200 && code <= 299;
}

gboolean
dav_status_lookup (guint          code,
                   DavStatusInfo *info)
{
  const DavStatusEntry *entry;
  const DavUnknownClass *unknown;
  DavStatusClass status_class;

  g_return_val_if_fail (info != NULL, FALSE);

  status_class = dav_status_class_of (code);
  entry = find_status (code);

  info->code = code;
  info->status_class = status_class;

  if (entry != NULL)
    {
      info->known = TRUE;
      info->severity = entry->severity;
      info->reason = _(entry->reason);
      info->standard_reason = entry->reason;
      info->explanation = _(entry->explanation);
      info->advice = _(entry->advice);
      info->rfc2616 = entry->rfc2616;
      info->reference = entry->reference;
      info->frameworks = entry->frameworks;
      return TRUE;
    }

  unknown = &unknown_classes[status_class];

  info->known = FALSE;
  info->severity = unknown->severity;
  info->reason = _(unknown->reason);
  info->standard_reason = unknown->reason;
  info->explanation = code == 420 ? _(explanation_420) : _(unknown->explanation);
  info->advice = _(unknown->advice);
  info->rfc2616 = "RFC 2616 §10";
  info->reference = "RFC 9110 §15";
  info->frameworks = fw_none;

  return FALSE;
}

const char *
dav_status_class_to_string (DavStatusClass status_class)
{
  switch (status_class)
    {
    case DAV_STATUS_CLASS_INFORMATIONAL:
      return "informational";
    case DAV_STATUS_CLASS_SUCCESS:
      return "success";
    case DAV_STATUS_CLASS_REDIRECTION:
      return "redirection";
    case DAV_STATUS_CLASS_CLIENT_ERROR:
      return "client-error";
    case DAV_STATUS_CLASS_SERVER_ERROR:
      return "server-error";
    case DAV_STATUS_CLASS_INVALID:
    default:
      return "invalid";
    }
}

const char *
dav_severity_to_string (DavSeverity severity)
{
  switch (severity)
    {
    case DAV_SEVERITY_OK:
      return "ok";
    case DAV_SEVERITY_INFO:
      return "info";
    case DAV_SEVERITY_WARNING:
      return "warning";
    case DAV_SEVERITY_ERROR:
      return "error";
    default:
      g_return_val_if_reached ("error");
    }
}

const guint *
dav_status_known_codes (gsize *n_codes)
{
  static guint codes[G_N_ELEMENTS (status_table)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
        codes[i] = status_table[i].code;

      g_once_init_leave (&initialized, 1);
    }

  if (n_codes != NULL)
    *n_codes = G_N_ELEMENTS (status_table);

  return codes;
}

gboolean
dav_condition_lookup (const char       *namespace_uri,
                      const char       *name,
                      DavConditionInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (g_strcmp0 (namespace_uri, "DAV:") != 0 || name == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (condition_table); i++)
    {
      const DavConditionEntry *entry = &condition_table[i];

      if (strcmp (entry->name, name) != 0)
        continue;

      info->namespace_uri = "DAV:";
      info->name = entry->name;
      info->postcondition = entry->postcondition;
      info->explanation = _(entry->explanation);
      info->advice = _(entry->advice);
      info->reference = entry->reference;
      return TRUE;
    }

  return FALSE;
}

const char * const *
dav_condition_names (void)
{
  static const char *names[G_N_ELEMENTS (condition_table) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (condition_table); i++)
        names[i] = condition_table[i].name;
      names[G_N_ELEMENTS (condition_table)] = NULL;

      g_once_init_leave (&initialized, 1);
    }

  return names;
}
