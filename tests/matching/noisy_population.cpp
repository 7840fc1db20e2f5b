#include "noisy_population.h"

#include <cstdio>
#include <random>
#include <string>

#include "census_sim/census_sim.h"

namespace sanaq::matching::testing {
namespace {

std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        int n = b < 0x80 ? 0 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        char32_t cp = n == 0 ? b : (b & (0x3F >> n));
        ++i;
        for (int k = 0; k < n && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
        out.push_back(cp);
    }
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        if (cp < 0x80) out.push_back(static_cast<char>(cp));
        else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

class Noise {
public:
    explicit Noise(std::uint64_t seed) : rng_(seed) {}
    double unit() { return static_cast<double>(rng_() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    std::uint64_t below(std::uint64_t n) { return rng_() % n; }

    // A typist's slip inside the word: a letter replaced, dropped, doubled, or two swapped.
    std::string typo(const std::string& text) {
        std::u32string w = decode(text);
        if (w.size() < 4) return text;
        const std::size_t at = 1 + below(w.size() - 2);
        switch (below(4)) {
            case 0: w[at] = U'а' + static_cast<char32_t>(below(32)); break;
            case 1: w.erase(at, 1); break;
            case 2: w.insert(at, 1, w[at]); break;
            default: std::swap(w[at], w[at + 1]); break;
        }
        return encode(w);
    }

    static std::string upper(const std::string& text) {
        std::u32string w = decode(text);
        for (auto& c : w) {
            if (c >= U'а' && c <= U'я') c -= 0x20;
            else if (c == U'ё') c = U'Ё';
            else if (c == U'і') c = U'І';
            else if (c >= 0x0490 && c <= 0x04FF && (c & 1)) c -= 1;   // Kazakh letters: lower is odd
        }
        return encode(w);
    }

    static std::string without_kazakh_letters(const std::string& text) {
        std::u32string w = decode(text);
        for (auto& c : w) {
            switch (c) {
                case U'Ә': c = U'А'; break; case U'ә': c = U'а'; break;
                case U'Ғ': c = U'Г'; break; case U'ғ': c = U'г'; break;
                case U'Қ': c = U'К'; break; case U'қ': c = U'к'; break;
                case U'Ң': c = U'Н'; break; case U'ң': c = U'н'; break;
                case U'Ө': c = U'О'; break; case U'ө': c = U'о'; break;
                case U'Ұ': case U'Ү': c = U'У'; break; case U'ұ': case U'ү': c = U'у'; break;
                case U'Һ': c = U'Х'; break; case U'һ': c = U'х'; break;
                case U'І': c = U'И'; break; case U'і': c = U'и'; break;
                default: break;
            }
        }
        return encode(w);
    }

    // One Cyrillic letter replaced by its Latin look-alike.
    std::string latin(const std::string& text) {
        std::u32string w = decode(text);
        static const std::pair<char32_t, char32_t> pairs[] = {
            {U'А', 'A'}, {U'В', 'B'}, {U'Е', 'E'}, {U'К', 'K'}, {U'М', 'M'}, {U'Н', 'H'}, {U'О', 'O'},
            {U'Р', 'P'}, {U'С', 'C'}, {U'Т', 'T'}, {U'Х', 'X'}, {U'а', 'a'}, {U'е', 'e'}, {U'о', 'o'},
            {U'р', 'p'}, {U'с', 'c'}};
        for (auto& c : w)
            for (auto [cy, la] : pairs)
                if (c == cy) {
                    c = la;
                    return encode(w);
                }
        return text;
    }

    // Surname endings drift: Жанбулатов/Жанбулатова -> Жанбулат, Жанбулат -> Жанбулатов.
    std::string drift(const std::string& text) {
        std::u32string w = decode(text);
        for (const std::u32string& end : {std::u32string(U"ова"), std::u32string(U"ева"), std::u32string(U"ов"),
                                          std::u32string(U"ев")}) {
            if (w.size() > end.size() + 3 && w.ends_with(end)) return encode(w.substr(0, w.size() - end.size()));
        }
        return encode(w + U"ов");
    }

    // Another written form of a patronymic: -ұлы <-> -ович, -қызы <-> -овна, or written apart.
    std::string patronymic_form(const std::string& text) {
        std::u32string w = decode(text);
        auto swap_end = [&](std::u32string_view from, std::u32string_view to) {
            if (!w.ends_with(from)) return false;
            w = w.substr(0, w.size() - from.size()) + std::u32string(to);
            return true;
        };
        if (swap_end(U" ұлы", U"ұлы") || swap_end(U" қызы", U"қызы")) return encode(w);
        if (swap_end(U"ұлы", chance(0.5) ? U"ович" : U" ұлы") || swap_end(U"қызы", chance(0.5) ? U"овна" : U" қызы") ||
            swap_end(U"улы", U"ович") || swap_end(U"кызы", U"овна"))
            return encode(w);
        if (swap_end(U"нович", U"нұлы") || swap_end(U"новна", U"нқызы")) return encode(w);
        return text;
    }

    std::string mistype_iin(std::string iin) {
        if (iin.size() != 12) return iin;
        const std::size_t at = below(11);
        if (chance(0.5) && iin[at] != iin[at + 1]) std::swap(iin[at], iin[at + 1]);
        else iin[at] = static_cast<char>('0' + (iin[at] - '0' + 1 + below(9)) % 10);
        return iin;
    }

    std::string mistype_date(std::string d) {
        if (d.size() != 10) return d;
        int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
        switch (below(3)) {
            case 0: y = y / 10 * 10 + static_cast<int>((y % 10 + 1 + below(9)) % 10); break;
            case 1: day = day / 10 * 10 + static_cast<int>((day % 10 + 1 + below(8)) % 10); if (day < 1) day = 1; if (day > 28) day = 28; break;
            default: m = m >= 10 ? 10 + static_cast<int>(below(3)) : 1 + static_cast<int>(below(9)); break;
        }
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
        return buf;
    }

private:
    std::mt19937_64 rng_;
};

MatchRecord from_person(const Person& p, const Institution& inst) {
    MatchRecord r;
    r.id = p.uuid;
    r.iin = p.iin;
    r.surname = p.surname;
    r.name = p.name;
    r.patronymic = p.patronymic;
    r.sex = p.sex;
    r.birth_date = p.birth_date;
    r.institution_bin = inst.bin;
    r.kato = inst.kato.code;
    return r;
}

void list_noise(Noise& n, MatchRecord& r, double scale) {
    auto c = [&](double p) { return n.chance(p * scale); };
    if (c(0.30)) {
        r.surname = Noise::without_kazakh_letters(r.surname);
        r.name = Noise::without_kazakh_letters(r.name);
        r.patronymic = Noise::without_kazakh_letters(r.patronymic);
    }
    if (c(0.03)) r.surname = n.drift(r.surname);
    if (c(0.05)) r.patronymic = n.patronymic_form(r.patronymic);
    if (c(0.03)) r.patronymic.clear();
    if (c(0.03)) r.surname = n.typo(r.surname);
    if (c(0.03)) r.name = n.typo(r.name);
    if (c(0.01)) r.patronymic = n.typo(r.patronymic);
    if (c(0.01)) r.surname = n.latin(r.surname);
    if (c(0.02)) std::swap(r.surname, r.name);
    if (c(0.30)) {
        r.surname = Noise::upper(r.surname);
        r.name = Noise::upper(r.name);
        r.patronymic = Noise::upper(r.patronymic);
    }
    if (c(0.05)) r.iin.clear();
    else if (c(0.02)) r.iin = n.mistype_iin(r.iin);
    if (c(0.02)) r.birth_date = n.mistype_date(r.birth_date);
    else if (c(0.005) && r.birth_date.size() == 10 && std::stoi(r.birth_date.substr(8, 2)) <= 12)
        r.birth_date = r.birth_date.substr(0, 5) + r.birth_date.substr(8, 2) + "-" + r.birth_date.substr(5, 2);
    if (c(0.002)) r.sex = r.sex == Sex::Male ? Sex::Female : Sex::Male;
}

}  // namespace

NoisyWorld make_noisy_world(const NoiseOptions& o) {
    NoisyWorld w;
    Noise n(o.seed * 7919 + 17);
    std::vector<Institution> institutions;
    std::int64_t ordinal = 0;
    std::vector<MatchRecord> pending_dups;   // copies to enumerate in the next institution
    std::vector<std::int64_t> pending_truth;
    std::vector<std::uint32_t> pending_original;
    const std::size_t reserve = static_cast<std::size_t>(o.kits * o.persons_per_kit * 1.05);
    w.listed.reserve(reserve);
    w.enumerated.reserve(reserve);
    for (int k = 0; k < o.kits; ++k) {
        char kit[32];
        std::snprintf(kit, sizeof kit, "KZ-%06d", k + 1);
        const census_sim::SimulatedKit sk = census_sim::simulated_kit(o.seed, kit);
        const Institution& inst = sk.institution;
        census_sim::Population pop = census_sim::kit_population(o.seed, kit, o.persons_per_kit);
        for (std::size_t d = 0; d < pending_dups.size(); ++d) {   // counted again here, in another institution
            pending_dups[d].institution_bin = inst.bin;
            pending_dups[d].kato = inst.kato.code;
            w.duplicates.emplace_back(pending_original[d], static_cast<std::uint32_t>(w.enumerated.size()));
            w.enumerated.push_back(std::move(pending_dups[d]));
            w.enumerated_truth.push_back(pending_truth[d]);
        }
        pending_dups.clear();
        pending_truth.clear();
        pending_original.clear();
        for (std::size_t i = 0; i < pop.persons.size(); ++i) {
            const Person& p = pop.persons[i];
            const std::int64_t truth = ordinal++;
            const MatchRecord enumerated = from_person(p, inst);
            const double u = n.unit();
            const bool listed = u >= o.extra;
            const bool counted = !(u >= o.extra && u < o.extra + o.missing);
            if (counted) {
                const auto e = static_cast<std::uint32_t>(w.enumerated.size());
                w.enumerated.push_back(enumerated);
                w.enumerated_truth.push_back(truth);
                if (!listed) w.extra.push_back(e);
                if (n.chance(o.duplicate)) {
                    MatchRecord copy = enumerated;
                    copy.id += ":again";
                    if (n.chance(0.05)) copy.surname = n.typo(copy.surname);
                    if (n.chance(0.05)) copy.iin.clear();
                    if (n.chance(0.02)) copy.birth_date = n.mistype_date(copy.birth_date);
                    if (n.chance(0.5) || k + 1 == o.kits) {   // two tablets or packages of one institution
                        w.duplicates.emplace_back(e, static_cast<std::uint32_t>(w.enumerated.size()));
                        w.enumerated.push_back(std::move(copy));
                        w.enumerated_truth.push_back(truth);
                    } else {
                        pending_dups.push_back(std::move(copy));
                        pending_truth.push_back(truth);
                        pending_original.push_back(e);
                    }
                }
            }
            if (listed) {
                MatchRecord r = enumerated;
                r.id = "list:" + std::to_string(truth);
                list_noise(n, r, o.list_typing);
                if (!p.iin.empty() && i > 0 && n.chance(o.conflict)) {
                    // The row keeps this person's IIN but carries a neighbour's name and birth date.
                    const Person& other = pop.persons[n.below(i)];
                    r.iin = p.iin;
                    r.surname = other.surname;
                    r.name = other.name;
                    r.patronymic = other.patronymic;
                    r.birth_date = other.birth_date;
                    if (other.iin != p.iin && other.birth_date != p.birth_date && other.name != p.name && counted)
                        w.conflicts.push_back(static_cast<std::uint32_t>(w.listed.size()));
                }
                if (!counted) w.missing.push_back(static_cast<std::uint32_t>(w.listed.size()));
                w.listed.push_back(std::move(r));
                w.listed_truth.push_back(truth);
            }
        }
    }
    return w;
}

}  // namespace sanaq::matching::testing
