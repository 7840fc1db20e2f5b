#include "core/i18n/catalog.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>

namespace sanaq::i18n {
namespace {

std::uint32_t read_u32(const std::string& data, std::size_t offset, bool swap) {
    std::uint32_t v = 0;
    std::memcpy(&v, data.data() + offset, 4);
    if (swap) v = __builtin_bswap32(v);
    return v;
}

std::mutex g_current_mutex;
Catalog& current_storage() {
    static Catalog catalog;
    return catalog;
}

}  // namespace

Result<Catalog> Catalog::load(const std::filesystem::path& locale_dir, std::string_view lang) {
    Catalog catalog;
    catalog.language_ = std::string(lang);
    const auto path = locale_dir / std::string(lang) / "LC_MESSAGES" / "sanaq.mo";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (lang == "en") return catalog;
        return fail(ErrorCode::Io, N_("The language catalog {} is missing; reinstall Sanaq Station."),
                    {path.string()});
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto damaged = [&] {
        return fail(ErrorCode::Io, N_("The language catalog {} is damaged."), {path.string()});
    };
    if (data.size() < 28) return damaged();
    std::uint32_t magic = 0;
    std::memcpy(&magic, data.data(), 4);
    bool swap = false;
    if (magic == 0xde120495) swap = true;
    else if (magic != 0x950412de) return damaged();
    const std::uint32_t count = read_u32(data, 8, swap);
    const std::uint32_t originals = read_u32(data, 12, swap);
    const std::uint32_t translations = read_u32(data, 16, swap);
    if (originals + 8ull * count > data.size() || translations + 8ull * count > data.size())
        return damaged();
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto olen = read_u32(data, originals + 8 * i, swap);
        const auto ooff = read_u32(data, originals + 8 * i + 4, swap);
        const auto tlen = read_u32(data, translations + 8 * i, swap);
        const auto toff = read_u32(data, translations + 8 * i + 4, swap);
        if (std::size_t(ooff) + olen > data.size() || std::size_t(toff) + tlen > data.size())
            return damaged();
        // A plural entry's msgid is "singular\0plural"; keys are the singular alone.
        std::string original(data.data() + ooff, olen);
        original = original.substr(0, original.find('\0'));
        if (original.empty()) {
            // The header entry: its Plural-Forms line says how this language picks a form.
            auto rule = PluralRule::from_header(std::string_view(data.data() + toff, tlen));
            if (!rule) return damaged();
            catalog.plural_rule_ = std::move(*rule);
            continue;
        }
        std::vector<std::string> forms;
        std::string_view translated(data.data() + toff, tlen);
        std::size_t start = 0;
        while (start <= translated.size()) {
            const auto end = translated.find('\0', start);
            forms.emplace_back(translated.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
            if (end == std::string_view::npos) break;
            start = end + 1;
        }
        catalog.entries_.emplace(std::move(original), std::move(forms));
    }
    return catalog;
}

std::filesystem::path Catalog::default_locale_dir() {
    if (const char* env = std::getenv("SANAQ_LOCALE_DIR"); env && *env) return env;
#ifdef SANAQ_LOCALE_BUILD_DIR
    if (std::filesystem::exists(SANAQ_LOCALE_BUILD_DIR)) return SANAQ_LOCALE_BUILD_DIR;
#endif
#ifdef SANAQ_LOCALE_INSTALL_DIR
    return SANAQ_LOCALE_INSTALL_DIR;
#else
    return "/usr/share/locale";
#endif
}

std::string Catalog::tr(std::string_view msgid) const {
    if (auto it = entries_.find(std::string(msgid)); it != entries_.end() && !it->second.empty() &&
                                                       !it->second.front().empty())
        return it->second.front();
    return std::string(msgid);
}

const std::vector<std::string>& Catalog::forms(std::string_view msgid) const {
    static const std::vector<std::string> none;
    const auto it = entries_.find(std::string(msgid));
    return it == entries_.end() ? none : it->second;
}

std::string Catalog::trn(std::string_view singular, std::string_view plural, long n) const {
    // gettext counts are unsigned; a negative count (never meant) is read as its magnitude.
    const unsigned long count =
        n < 0 ? 0ul - static_cast<unsigned long>(n) : static_cast<unsigned long>(n);

    if (auto it = entries_.find(std::string(singular)); it != entries_.end()) {
        const auto index = plural_rule_.index(count);
        if (index && *index < plural_rule_.forms() && *index < it->second.size() &&
            !it->second[*index].empty())
            return it->second[*index];
    }
    return std::string(count == 1 ? singular : plural);
}

std::string format_message(std::string_view pattern, const std::vector<std::string>& args,
                           const std::function<std::string(std::string_view)>& translate_label) {
    auto value = [&](const std::string& arg) -> std::string {
        if (arg.empty() || arg.front() != kLabelArgMarker) return arg;
        const std::string_view msgid = std::string_view(arg).substr(1);
        return translate_label ? translate_label(msgid) : std::string(msgid);
    };
    std::string out;
    out.reserve(pattern.size() + 32);
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
            if (next < args.size()) out += value(args[next++]);
            else out += "{}";
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string render(const Error& error, const Catalog& catalog) {
    const std::string pattern = error.counted()
                                    ? catalog.trn(error.message_id, error.plural_id, error.count)
                                    : catalog.tr(error.message_id);
    std::string text = format_message(pattern, error.args,
                                      [&](std::string_view msgid) { return catalog.tr(msgid); });
    if (!error.detail.empty()) text += " (" + error.detail + ")";
    return text;
}

const Catalog& current() {
    std::lock_guard lock(g_current_mutex);
    return current_storage();
}

void set_current(Catalog catalog) {
    std::lock_guard lock(g_current_mutex);
    current_storage() = std::move(catalog);
}

}  // namespace sanaq::i18n
