#pragma once
// Talking to the person at the terminal: passwords without echo, the language of messages.
#include <string>

#include "core/error.h"

namespace sanaq::cli {

/// Reads a line from the controlling terminal with echo off. Io error when there is no terminal
/// (then SANAQ_PASSWORD or --password-file must be used).
Result<std::string> prompt_secret(const std::string& prompt);

/// The user's language for messages: `explicit_lang` if given, else SANAQ_LANG, LANGUAGE,
/// LC_ALL, LC_MESSAGES, LANG (first of kk/ru/en found), else English.
std::string detect_language(const std::string& explicit_lang);

/// Whether stderr is a terminal (progress lines are only for people).
bool stderr_is_terminal();

/// The file's first line without the newline (for --password-file).
Result<std::string> read_secret_file(const std::string& path);

}  // namespace sanaq::cli
