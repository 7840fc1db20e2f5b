#include "command_line/terminal.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace sanaq::cli {

Result<std::string> prompt_secret(const std::string& prompt) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Usage,
                    N_("No terminal to ask for a password: set SANAQ_PASSWORD or use --password-file."));
    (void)!::write(fd, prompt.data(), prompt.size());
    termios old{};
    const bool is_tty = tcgetattr(fd, &old) == 0;
    if (is_tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::string line;
    char c;
    while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
    if (is_tty) tcsetattr(fd, TCSAFLUSH, &old);
    (void)!::write(fd, "\n", 1);
    ::close(fd);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

std::string detect_language(const std::string& explicit_lang) {
    auto pick = [](const std::string& value) -> std::string {
        // LANGUAGE may be a list "ru:en"; locales look like "kk_KZ.UTF-8".
        std::size_t start = 0;
        while (start <= value.size()) {
            auto end = value.find(':', start);
            std::string item = value.substr(start, end == std::string::npos ? std::string::npos : end - start);
            std::string code = item.substr(0, 2);
            if (code == "kk" || code == "ru" || code == "en") return code;
            if (end == std::string::npos) break;
            start = end + 1;
        }
        return {};
    };
    if (auto l = pick(explicit_lang); !l.empty()) return l;
    for (const char* var : {"SANAQ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
        if (const char* v = std::getenv(var); v && *v)
            if (auto l = pick(v); !l.empty()) return l;
    return "en";
}

Result<std::string> read_secret_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return fail(ErrorCode::Io, N_("Cannot read the password file {}."), {path});
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace sanaq::cli
