// The commands of `sanaq-tablet-sim`: what a simulated tablet would hold, and the institution's
// list for the same people. Moved unchanged from `sanaq tablet-sim`: same options, same --json
// documents (README.md, "JSON output").
#include "census_sim/tool/commands.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/domain/institution.h"
#include "core/i18n/catalog.h"

namespace sanaq::census_sim {

using i18n::format_message;
using nlohmann::ordered_json;

Status make_packages_command(const cli::Args& a, const cli::Reply& ctx) {
    SANAQ_TRY(a.only({"out", "kit", "department-key", "persons", "packages", "seed", "usb-serial"}));
    auto out = a.need("out");
    SANAQ_TRY(out);
    auto kit = a.need("kit");
    SANAQ_TRY(kit);
    auto key_file = a.need("department-key");
    SANAQ_TRY(key_file);
    auto persons = a.unsigned_integer("persons", 0);
    SANAQ_TRY(persons);
    if (*persons == 0) return fail(ErrorCode::Usage, N_("Say how many persons the packages hold with --persons N."));
    auto packages = a.unsigned_integer("packages", 1);
    SANAQ_TRY(packages);
    auto seed = a.unsigned_integer("seed", 1);
    SANAQ_TRY(seed);
    std::ifstream in(*key_file, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("The file {} could not be read."), {*key_file});
    std::stringstream ss;
    ss << in.rdbuf();
    MakePackagesRequest request;
    request.kit_number = *kit;
    request.department_public_file_text = ss.str();
    request.persons = static_cast<std::int64_t>(*persons);
    request.packages = static_cast<int>(std::max<std::uint64_t>(1, *packages));
    request.seed = *seed;
    request.usb_serial = a.get_or("usb-serial", "");
    auto made = make_packages(*out, request);
    SANAQ_TRY(made);
    if (ctx.json()) {
        ordered_json files = ordered_json::array();
        for (const auto& p : made->packages)
            files.push_back({{"file", p.path.filename().string()}, {"package_uuid", p.manifest.package_uuid},
                             {"sequence", p.manifest.sequence}, {"households", p.manifest.households},
                             {"persons", p.manifest.persons}, {"size", p.manifest.payload_size}});
        ctx.emit(ordered_json{{"out", *out}, {"kit", made->kit.kit_number}, {"usb_serial", made->kit.usb_serial},
                              {"device_id", made->device_id}, {"households", made->households},
                              {"persons", made->persons}, {"packages", files},
                              {"institution", {{"bin", made->kit.institution.bin},
                                               {"name_kk", made->kit.institution.name_kk},
                                               {"name_ru", made->kit.institution.name_ru},
                                               {"type", institution_type_code(made->kit.institution.type)},
                                               {"kato", made->kit.institution.kato.code},
                                               {"kato_version", made->kit.institution.kato.classifier_version}}}});
    } else {
        ctx.say(format_message(tr("The packages for kit {} are in {}: packages: {}, persons: {}, households: {}. The tablet's USB serial is {}."),
                               {made->kit.kit_number, *out, std::to_string(made->packages.size()),
                                std::to_string(made->persons), std::to_string(made->households), made->kit.usb_serial}));

        const auto& inst = made->kit.institution;
        ctx.say(format_message(tr("In the simulated world the kit works at institution {} ({}). To import its list, register it with:"),
                               {inst.bin, inst.name_ru}));
        ctx.say("  sanaq institution add --bin " + inst.bin + " --name-kk \"" + inst.name_kk + "\" --name-ru \"" +
                inst.name_ru + "\" --type " + std::string(institution_type_code(inst.type)) + " --kato " + inst.kato.code +
                " --kato-version " + inst.kato.classifier_version);
    }
    return {};
}

Status make_list_command(const cli::Args& a, const cli::Reply& ctx) {
    SANAQ_TRY(a.only({"out", "institution", "kit", "persons", "seed", "as-of", "lang"}));
    auto out = a.need("out");
    SANAQ_TRY(out);
    MakeListRequest request;
    auto persons = a.integer("persons", 0);
    SANAQ_TRY(persons);
    if (*persons <= 0) return fail(ErrorCode::Usage, N_("Say how many enumerated persons the list is for with --persons N."));
    request.persons = *persons;
    auto seed = a.integer("seed", 1);
    SANAQ_TRY(seed);
    request.seed = static_cast<std::uint64_t>(*seed);
    request.as_of = a.get_or("as-of", "");
    request.lang = a.get_or("lang", "");
    request.expected_bin = a.get_or("institution", "");
    request.kit_number = a.get_or("kit", "");
    if (request.kit_number.empty()) {
        if (request.expected_bin.empty())
            return fail(ErrorCode::Usage, N_("Name the institution with --institution BIN (or the simulated kit with --kit)."));
        // In the simulated world every kit belongs to one institution: find the kit of this BIN.
        for (int n = 1; n <= 9999 && request.kit_number.empty(); ++n) {
            char number[16];
            std::snprintf(number, sizeof number, "KIT-%04d", n);
            if (simulated_kit(request.seed, number).institution.bin == request.expected_bin)
                request.kit_number = number;
        }
        if (request.kit_number.empty())
            return fail(ErrorCode::NotFound,
                        N_("No simulated kit (KIT-0001 to KIT-9999, seed {}) belongs to the institution with BIN {}. `sanaq-tablet-sim make-packages` prints the BIN of a kit's institution; or name the kit with --kit."),
                        {std::to_string(request.seed), request.expected_bin});
    }
    auto made = make_list(*out, request);
    SANAQ_TRY(made);
    std::int64_t missing = 0, duplicates = 0;
    for (const auto& t : made->truth) {
        missing += t.not_enumerated;
        duplicates += t.duplicate;
    }
    if (ctx.json()) {
        ctx.emit(ordered_json{{"out", *out},
                              {"kit", made->kit.kit_number},
                              {"institution_bin", made->kit.institution.bin},
                              {"institution_name_ru", made->kit.institution.name_ru},
                              {"as_of", made->as_of},
                              {"lang", made->lang},
                              {"rows", made->truth.size()},
                              {"listed_not_enumerated", missing},
                              {"listed_twice", duplicates},
                              {"enumerated_not_listed", made->unlisted_uuids.size()},
                              {"institution_persons", made->institution_persons}});
    } else {
        ctx.say(format_message(tr("The list of institution {} ({}) for kit {} as of {} is in {}. Rows: {}; listed persons no tablet enumerates: {}; enumerated persons left off: {}; listed twice: {}."),

                               {made->kit.institution.bin, made->kit.institution.name_ru, made->kit.kit_number,
                                made->as_of, *out, std::to_string(made->truth.size()), std::to_string(missing),
                                std::to_string(made->unlisted_uuids.size()), std::to_string(duplicates)}));
    }
    return {};
}

}  // namespace sanaq::census_sim

namespace sanaq::census_sim {

const std::vector<ToolCommand>& tool_commands() {
    static const std::vector<ToolCommand> table = {
        {"make-list", make_list_command, "make-list --out FILE.csv|FILE.xlsx --institution BIN --persons N [--seed S] [--kit KIT] [--as-of DATE] [--lang kk|ru|en]", N_("Write an institution's list for the people a simulated kit enumerates, with realistic noise.")},
        {"make-packages", make_packages_command, "make-packages --out DIR --kit KIT --department-key FILE.pem --persons N [--packages K] [--seed S] [--usb-serial S]", N_("Lay out a simulated tablet's storage with signed, encrypted packages (for demos and tests).")},
    };
    return table;
}

}  // namespace sanaq::census_sim
