#include "matching/reconcile.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/domain/identifiers.h"
#include "core/error.h"

namespace sanaq::matching {
namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 31);
}

std::uint64_t prefix4(std::string_view s) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 4 && i < s.size(); ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
    return v;
}

std::uint64_t tagged(BlockingKey k, std::uint64_t h) {
    // Top byte names the key kind, so equal values of different kinds never share a block.
    return (static_cast<std::uint64_t>(k) << 56) | (h & 0x00FFFFFFFFFFFFFFULL);
}

struct Entry {
    std::uint64_t key;
    std::uint32_t index;
    bool operator<(const Entry& o) const { return key != o.key ? key < o.key : index < o.index; }
};

class BlockIndex {
public:
    BlockIndex(const std::vector<PreparedRecord>& records) {
        entries_.reserve(records.size() * 4);
        for (std::uint32_t i = 0; i < records.size(); ++i) {
            const BlockKeys k = blocking_keys(records[i]);
            for (std::uint8_t j = 0; j < k.count; ++j) entries_.push_back({k.keys[j], i});
        }
        std::sort(entries_.begin(), entries_.end());
    }

    /// Appends the indices in `key`'s block (those above `above` when >= 0); false when the
    /// block is larger than `max_block` and was skipped.
    bool block(std::uint64_t key, std::size_t max_block, std::int64_t above, std::vector<std::uint32_t>& out) const {
        auto it = std::lower_bound(entries_.begin(), entries_.end(), Entry{key, 0});
        auto end = it;
        while (end != entries_.end() && end->key == key) ++end;
        if (static_cast<std::size_t>(end - it) > max_block) return false;
        for (; it != end; ++it)
            if (static_cast<std::int64_t>(it->index) > above) out.push_back(it->index);
        return true;
    }

private:
    std::vector<Entry> entries_;
};

struct ScoredPair {
    std::uint32_t a, b;   // listed, enumerated (or enumerated, enumerated)
    Comparison cmp;
    bool forced = false;
};

struct Partial {
    std::vector<ScoredPair> pairs;
    std::uint64_t compared = 0, skipped = 0;
};

// Scores every record of `queries[lo, hi)` against its block-mates in `index` over `targets`.
// `self` joins a side with itself (only pairs with the second index above the first).
void score_range(const std::vector<PreparedRecord>& queries, const std::vector<PreparedRecord>& targets,
                 const BlockIndex& index, bool self, std::size_t lo, std::size_t hi, const ReconcileOptions& opt,
                 double keep_at, Partial& out) {
    std::vector<std::uint32_t> candidates;
    for (std::size_t q = lo; q < hi; ++q) {
        candidates.clear();
        const BlockKeys keys = blocking_keys(queries[q]);
        for (std::uint8_t j = 0; j < keys.count; ++j)
            if (!index.block(keys.keys[j], opt.max_block, self ? static_cast<std::int64_t>(q) : -1, candidates)) ++out.skipped;
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (std::uint32_t t : candidates) {
            const Comparison c = compare(queries[q], targets[t], opt.params);
            ++out.compared;
            const bool keep = self ? (c.score >= keep_at && !c.conflict()) : (c.score >= keep_at || c.conflict());
            if (keep) out.pairs.push_back({static_cast<std::uint32_t>(q), t, c, false});
        }
    }
}

Partial score_all(const std::vector<PreparedRecord>& queries, const std::vector<PreparedRecord>& targets,
                  const BlockIndex& index, bool self, const ReconcileOptions& opt, double keep_at) {
    unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, queries.size() / 1000)));
    std::vector<Partial> parts(threads);
    std::vector<std::thread> pool;
    const std::size_t n = queries.size();
    for (unsigned t = 0; t < threads; ++t) {
        const std::size_t lo = n * t / threads, hi = n * (t + 1) / threads;
        auto work = [&, lo, hi, t] { score_range(queries, targets, index, self, lo, hi, opt, keep_at, parts[t]); };
        if (t + 1 == threads) work();
        else pool.emplace_back(work);
    }
    for (auto& th : pool) th.join();
    Partial all = std::move(parts[0]);
    for (unsigned t = 1; t < threads; ++t) {
        all.compared += parts[t].compared;
        all.skipped += parts[t].skipped;
        all.pairs.insert(all.pairs.end(), parts[t].pairs.begin(), parts[t].pairs.end());
    }
    return all;
}

std::vector<PreparedRecord> prepare_all(std::span<const MatchRecord> records, unsigned threads) {
    std::vector<PreparedRecord> out(records.size());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, records.size() / 1000)));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        const std::size_t lo = records.size() * t / threads, hi = records.size() * (t + 1) / threads;
        auto work = [&, lo, hi] {
            for (std::size_t i = lo; i < hi; ++i) out[i] = prepare(records[i]);
        };
        if (t + 1 == threads) work();
        else pool.emplace_back(work);
    }
    for (auto& th : pool) th.join();
    return out;
}

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }

struct UnionFind {
    std::vector<std::uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

}  // namespace

const char* blocking_key_code(BlockingKey key) {
    static constexpr const char* codes[] = {"iin", "surname_birth_date", "names_birth_year",
                                            "names_month_day", "institution_birth_date", "institution_names_sex"};
    return codes[static_cast<std::size_t>(key)];
}

BlockKeys blocking_keys(const PreparedRecord& r) {
    BlockKeys k;
    auto add = [&](BlockingKey kind, std::uint64_t h) { k.keys[k.count++] = tagged(kind, h); };
    if (!r.iin.empty()) {
        std::uint64_t h = 0;
        for (char c : r.iin) h = h * 10 + static_cast<std::uint64_t>(c - '0');
        add(BlockingKey::Iin, mix(1, h));
    }
    const bool date = r.year != 0;
    const std::uint64_t ymd = (static_cast<std::uint64_t>(r.year) << 16) | (r.month << 8) | r.day;
    const std::uint64_t s4 = prefix4(r.name.surname);
    // Either order: the two stems as a sorted pair (name_as_surname so a swapped record agrees).
    std::uint64_t n1 = s4, n2 = prefix4(r.name.name_as_surname);
    if (n1 > n2) std::swap(n1, n2);
    const bool names = s4 != 0 && n2 != 0 && n1 != 0;
    const std::uint64_t names_h = mix(n1, n2);
    if (s4 != 0 && date) add(BlockingKey::SurnameBirthDate, mix(s4, ymd));
    if (names && date) add(BlockingKey::NamesBirthYear, mix(names_h, static_cast<std::uint64_t>(r.year)));
    if (names && date) add(BlockingKey::NamesMonthDay, mix(names_h, static_cast<std::uint64_t>(r.month * 32 + r.day)));
    if (r.institution != 0 && date) add(BlockingKey::InstitutionBirthDate, mix(r.institution, ymd));
    if (r.institution != 0 && names)
        add(BlockingKey::InstitutionNamesSex, mix(mix(r.institution, names_h), r.sex ? 1 + static_cast<int>(*r.sex) : 0));
    return k;
}

const char* outcome_label(Outcome outcome) {
    switch (outcome) {
        case Outcome::Matched: return N_("matched");
        case Outcome::Review: return N_("to review");
        case Outcome::Conflict: return N_("conflict: IIN agrees, name or date of birth does not");
        case Outcome::Missing: return N_("missing: listed, not enumerated");
        case Outcome::Extra: return N_("extra: enumerated, not listed");
        case Outcome::Duplicate: return N_("duplicate enumeration");
    }
    return "";
}

const char* outcome_code(Outcome outcome) {
    static constexpr const char* codes[] = {"matched", "review", "conflict", "missing", "extra", "duplicate"};
    return codes[static_cast<std::size_t>(outcome)];
}

Reconciliation reconcile(std::span<const MatchRecord> listed, std::span<const MatchRecord> enumerated,
                         std::span<const SupervisorDecision> decisions, const ReconcileOptions& options) {
    const ReconcileOptions& opt = options;
    const unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::vector<PreparedRecord> L = prepare_all(listed, threads);
    const std::vector<PreparedRecord> E = prepare_all(enumerated, threads);
    const BlockIndex index(E);

    Reconciliation out;
    Partial lp = score_all(L, E, index, false, opt, opt.params.review_at);
    out.stats.pairs_compared = lp.compared;
    out.stats.oversized_blocks_skipped = lp.skipped;
    Partial dp;
    if (opt.find_duplicates) {
        // Scored down to duplicate_review_at: the pairs below duplicate_at become "counted twice?" questions.
        dp = score_all(E, E, index, true, opt, std::min(opt.params.duplicate_review_at, opt.params.duplicate_at));
        out.stats.duplicate_pairs_compared = dp.compared;
        out.stats.oversized_blocks_skipped += dp.skipped;
    }
    std::vector<ScoredPair>& pairs = lp.pairs;
    std::vector<ScoredPair>& dups = dp.pairs;

    // Supervisors' decisions override the scores: a match is assigned before anything else, a
    // non-match pair is never assigned, and duplicate verdicts add or remove duplicate links.
    if (!decisions.empty()) {
        std::unordered_map<std::string_view, std::uint32_t> lid, eid;
        for (std::uint32_t i = 0; i < listed.size(); ++i) lid.emplace(listed[i].id, i);
        for (std::uint32_t i = 0; i < enumerated.size(); ++i) eid.emplace(enumerated[i].id, i);
        std::unordered_set<std::uint64_t> forced, refused, dup_forced, dup_refused;
        for (const auto& d : decisions) {
            const bool list_pair = d.verdict == Verdict::Match || d.verdict == Verdict::NonMatch;
            auto a = list_pair ? lid.find(d.first_id) : eid.find(d.first_id);
            auto b = eid.find(d.second_id);
            if (a == (list_pair ? lid.end() : eid.end()) || b == eid.end()) continue;   // records not in this run
            std::uint32_t x = a->second, y = b->second;
            if (!list_pair && x > y) std::swap(x, y);
            const std::uint64_t key = pair_key(x, y);
            switch (d.verdict) {
                case Verdict::Match: forced.insert(key); refused.erase(key); break;
                case Verdict::NonMatch: refused.insert(key); forced.erase(key); break;
                case Verdict::Duplicate: dup_forced.insert(key); dup_refused.erase(key); break;
                case Verdict::NotDuplicate: dup_refused.insert(key); dup_forced.erase(key); break;
            }
        }
        auto apply = [](std::vector<ScoredPair>& v, const std::unordered_set<std::uint64_t>& yes,
                        const std::unordered_set<std::uint64_t>& no, const std::vector<PreparedRecord>& A,
                        const std::vector<PreparedRecord>& B, const MatchParameters& params) {
            std::erase_if(v, [&](const ScoredPair& p) { return no.contains(pair_key(p.a, p.b)); });
            std::unordered_set<std::uint64_t> present;
            for (auto& p : v) {
                const std::uint64_t k = pair_key(p.a, p.b);
                if (yes.contains(k)) {
                    p.forced = true;
                    present.insert(k);
                }
            }
            for (std::uint64_t k : yes) {
                if (present.contains(k)) continue;
                const auto a = static_cast<std::uint32_t>(k >> 32), b = static_cast<std::uint32_t>(k);
                v.push_back({a, b, compare(A[a], B[b], params), true});
            }
        };
        apply(pairs, forced, refused, L, E, opt.params);
        apply(dups, dup_forced, dup_refused, E, E, opt.params);
    }
    out.stats.candidate_pairs_kept = pairs.size();
    std::vector<ScoredPair> possible;
    std::erase_if(dups, [&](const ScoredPair& p) {
        if (p.forced || p.cmp.score >= opt.params.duplicate_at) return false;
        possible.push_back(p);
        return true;
    });

    // Greedy one-to-one assignment.
    std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
        if (x.forced != y.forced) return x.forced;
        if (x.cmp.score != y.cmp.score) return x.cmp.score > y.cmp.score;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    out.listed.assign(listed.size(), PersonResult{});
    out.enumerated.assign(enumerated.size(), PersonResult{Outcome::Extra});
    std::vector<bool> list_taken(listed.size()), enum_taken(enumerated.size());
    for (const auto& p : pairs) {
        if (list_taken[p.a] || enum_taken[p.b]) continue;
        list_taken[p.a] = enum_taken[p.b] = true;
        Outcome o = p.forced ? Outcome::Matched
                    : p.cmp.conflict() ? Outcome::Conflict
                    : p.cmp.score >= opt.params.auto_match_at ? Outcome::Matched
                                                              : Outcome::Review;
        out.listed[p.a] = {o, static_cast<std::int32_t>(p.b), p.cmp, p.forced};
        out.enumerated[p.b] = {o, static_cast<std::int32_t>(p.a), p.cmp, p.forced};
    }

    // Duplicate enumerations: groups of enumerated records linked by high-scoring pairs. The
    // group's primary is its member paired with a listed person (the best-scoring one), else its
    // first record; unpaired members are duplicates of the primary. Paired members keep their
    // pairing: two listed people are two people, however alike.
    if (!dups.empty()) {
        UnionFind uf(enumerated.size());
        for (const auto& p : dups) uf.unite(p.a, p.b);
        std::unordered_map<std::uint32_t, std::uint32_t> primary;   // root -> primary
        std::unordered_map<std::uint64_t, const ScoredPair*> link;
        for (const auto& p : dups) {
            link.emplace(pair_key(p.a, p.b), &p);
            for (std::uint32_t m : {p.a, p.b}) {
                const std::uint32_t r = uf.find(m);
                auto [it, fresh] = primary.emplace(r, m);
                if (fresh) continue;
                const std::uint32_t cur = it->second;
                const bool m_paired = enum_taken[m], cur_paired = enum_taken[cur];
                if (m_paired != cur_paired ? m_paired
                                           : (m_paired ? out.enumerated[m].comparison.score > out.enumerated[cur].comparison.score
                                                       : m < cur))
                    it->second = m;
            }
        }
        for (const auto& p : dups) {
            for (std::uint32_t m : {p.a, p.b}) {
                if (enum_taken[m] || out.enumerated[m].outcome == Outcome::Duplicate) continue;
                const std::uint32_t prim = primary[uf.find(m)];
                if (prim == m) continue;
                const auto direct = link.find(pair_key(std::min(m, prim), std::max(m, prim)));
                const Comparison c = direct != link.end() ? direct->second->cmp : p.cmp;
                const bool by_supervisor = direct != link.end() ? direct->second->forced : p.forced;
                out.enumerated[m] = {Outcome::Duplicate, static_cast<std::int32_t>(prim), c, by_supervisor};
            }
        }
    }

    std::sort(possible.begin(), possible.end(), [](const ScoredPair& x, const ScoredPair& y) {
        if (x.cmp.score != y.cmp.score) return x.cmp.score > y.cmp.score;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    for (const auto& p : possible) {
        if (enum_taken[p.a] && enum_taken[p.b]) continue;   // two listed people: two people
        // A person counted twice has their name written twice: a surname or a given name plainly
        // different is two people sharing a birthday and a roof (twins, siblings; children's homes
        // are full of them), not a question worth a supervisor's time.
        if (p.cmp.level(Field::Surname) == Level::Disagree || p.cmp.level(Field::GivenName) == Level::Disagree) continue;
        // Two tablets' IINs that both pass the check digit and differ are two people: the list
        // weights treat a differing IIN as a typist's slip, which a valid IIN from a tablet is not.
        if (const auto l = p.cmp.level(Field::Iin); (l == Level::Disagree || l == Level::Typo) &&
                                                    iin_bin_check_digit_ok(enumerated[p.a].iin) &&
                                                    iin_bin_check_digit_ok(enumerated[p.b].iin))
            continue;
        if (out.enumerated[p.a].outcome == Outcome::Duplicate || out.enumerated[p.b].outcome == Outcome::Duplicate)
            continue;
        out.possible_duplicates.push_back({std::min(p.a, p.b), std::max(p.a, p.b), p.cmp});
    }

    for (const auto& r : out.listed) ++out.stats.count[static_cast<std::size_t>(r.outcome)];
    for (const auto& r : out.enumerated) ++out.stats.count[static_cast<std::size_t>(r.outcome)];
    // A pair counts once per side in `count`; report persons on the listed side for paired outcomes.
    for (Outcome o : {Outcome::Matched, Outcome::Review, Outcome::Conflict}) out.stats.count[static_cast<std::size_t>(o)] /= 2;
    return out;
}

}  // namespace sanaq::matching
