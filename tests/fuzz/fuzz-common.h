/* fuzz-common.h: helpers shared by the libFuzzer targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only: each target is one translation unit.
 */

#pragma once

#include <glib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A finding: say what and abort, so that libFuzzer saves the input. */
#define FUZZ_FAIL(...) \
  G_STMT_START { \
    fprintf (stderr, "\nFUZZ INVARIANT FAILED (%s:%d): ", __FILE__, __LINE__); \
    fprintf (stderr, __VA_ARGS__); \
    fprintf (stderr, "\n"); \
    abort (); \
  } G_STMT_END

#define FUZZ_CHECK(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "\nFUZZ CHECK: %s\n", #cond); \
        FUZZ_FAIL (__VA_ARGS__); \
      } \
  } G_STMT_END

/* GLib criticals (a g_return_if_fail that failed) and warnings are bugs. */
static inline void
fuzz_init_glib (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* Known findings not fixed yet, by tag, so that a long run can go past
 * them: DAVSCOPE_FUZZ_KNOWN="tag1,tag2". Each check that can be waived
 * names its tag in the harness; without the variable every check holds. */
static inline gboolean
fuzz_known (const char *tag)
{
  static char **known = NULL;
  static gboolean read = FALSE;

  if (!read)
    {
      const char *env = g_getenv ("DAVSCOPE_FUZZ_KNOWN");

      known = g_strsplit (env ? env : "", ",", -1);
      read = TRUE;
    }

  return g_strv_contains ((const char * const *) known, tag);
}

/* FNV-1a: the seed of everything an input decides besides its bytes. */
static inline guint64
fuzz_hash (const uint8_t *data,
           size_t         size)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (size_t i = 0; i < size; i++)
    {
      h ^= data[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }

  return h;
}

/* splitmix64: small, deterministic, good enough for chunk sizes. */
static inline guint64
fuzz_rand (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Text for people: valid UTF-8, no C0/C1 control, DEL, or bidi control
 * (embeddings, overrides U+202A–202E, isolates U+2066–2069). Returns a
 * description of the first offence, or NULL. */
static inline const char *
fuzz_unsafe_text (const char *text)
{
  const char *end = NULL;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, &end))
    return "invalid UTF-8";

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F)
        return "C0 control or DEL";
      if (c >= 0x80 && c < 0xA0)
        return "C1 control";
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return "bidi control";
    }

  return NULL;
}
