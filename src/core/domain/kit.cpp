#include "core/domain/kit.h"

#include <algorithm>

#include "core/domain/identifiers.h"

namespace sanaq {
namespace {

struct ComponentInfo {
    ComponentType type;
    std::string_view code;
    const char* label;
};
constexpr ComponentInfo kComponents[] = {
    {ComponentType::Tablet, "tablet", N_("Tablet")},
    {ComponentType::ProtectiveCase, "case", N_("Shock-proof protective case")},
    {ComponentType::ProtectiveGlass, "glass", N_("Protective glass")},
    {ComponentType::Charger, "charger", N_("Charger")},
    {ComponentType::UsbCable, "usb_cable", N_("USB cable")},
    {ComponentType::Stylus, "stylus", N_("Stylus")},
    {ComponentType::PowerBank, "powerbank", N_("Power bank")},
    {ComponentType::PowerBankCable, "powerbank_cable", N_("Power bank USB cable")},
};

struct StateInfo {
    KitState state;
    std::string_view code;
    const char* label;
};
constexpr StateInfo kStates[] = {
    {KitState::InStock, "in_stock", N_("In stock")},
    {KitState::Issued, "issued", N_("Issued")},
    {KitState::PartlyReturned, "partly_returned", N_("Partly returned")},
    {KitState::UnderRepair, "under_repair", N_("Under repair")},
    {KitState::WrittenOff, "written_off", N_("Written off")},
};

}  // namespace

std::string_view component_code(ComponentType type) { return kComponents[static_cast<int>(type)].code; }
const char* component_label(ComponentType type) { return kComponents[static_cast<int>(type)].label; }
std::optional<ComponentType> parse_component(std::string_view code) {
    for (const auto& c : kComponents)
        if (c.code == code) return c.type;
    return std::nullopt;
}

std::string_view component_status_code(ComponentStatus status) {
    switch (status) {
        case ComponentStatus::InPlace: return "in_place";
        case ComponentStatus::Missing: return "missing";
        case ComponentStatus::Damaged: return "damaged";
    }
    return "in_place";
}
const char* component_status_label(ComponentStatus status) {
    switch (status) {
        case ComponentStatus::InPlace: return N_("in place");
        case ComponentStatus::Missing: return N_("not returned");
        case ComponentStatus::Damaged: return N_("damaged");
    }
    return "";
}

std::optional<ComponentStatus> parse_component_status(std::string_view code) {
    for (auto s : {ComponentStatus::InPlace, ComponentStatus::Missing, ComponentStatus::Damaged})
        if (component_status_code(s) == code) return s;
    return std::nullopt;
}

std::string_view kit_state_code(KitState state) { return kStates[static_cast<int>(state)].code; }
const char* kit_state_label(KitState state) { return kStates[static_cast<int>(state)].label; }
std::optional<KitState> parse_kit_state(std::string_view code) {
    for (const auto& s : kStates)
        if (s.code == code) return s.state;
    return std::nullopt;
}

const Component* Kit::component(ComponentType type) const {
    auto it = std::find_if(components.begin(), components.end(), [&](const Component& c) { return c.type == type; });
    return it == components.end() ? nullptr : &*it;
}
Component* Kit::component(ComponentType type) {
    return const_cast<Component*>(static_cast<const Kit&>(*this).component(type));
}

Kit make_kit(std::string number, Tablet tablet,
             const std::vector<std::pair<ComponentType, std::string>>& serials) {
    Kit kit;
    kit.number = std::move(number);
    kit.tablet = std::move(tablet);
    for (ComponentType type : kAllComponents) {
        Component c;
        c.type = type;
        if (type == ComponentType::Tablet) c.serial = kit.tablet.serial;
        for (const auto& [t, s] : serials)
            if (t == type) c.serial = s;
        kit.components.push_back(std::move(c));
    }
    return kit;
}

Result<Kit> validate(Kit kit) {
    kit.number = trim(kit.number);
    if (kit.number.empty()) return fail(ErrorCode::InvalidInput, N_("The kit number is empty."));
    if (kit.number.size() > 32 ||
        !std::all_of(kit.number.begin(), kit.number.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '-' || c == '_' || c == '/' || c == '.';
        }))
        return fail(ErrorCode::InvalidInput,
                    N_("The kit number {} may hold only Latin letters, digits and - _ / . (at most 32)."),
                    {kit.number});
    kit.tablet.model = trim(kit.tablet.model);
    kit.tablet.serial = trim(kit.tablet.serial);
    kit.tablet.usb_serial = trim(kit.tablet.usb_serial);
    if (kit.tablet.serial.empty())
        return fail(ErrorCode::InvalidInput, N_("Kit {}: the tablet's serial number is empty."), {kit.number});
    if (kit.tablet.usb_serial.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("Kit {}: the USB serial string the tablet reports is empty; it identifies the tablet when plugged in."),
                    {kit.number});
    auto imei = validate_imei(kit.tablet.imei);
    if (!imei) {
        auto e = imei.error();
        e.message_id = N_("Kit {}: the IMEI {} is not valid (15 digits with a Luhn check digit).");
        e.args = {kit.number, trim(kit.tablet.imei)};
        return std::unexpected(e);
    }
    kit.tablet.imei = *imei;
    // Always a full set: fill missing component lines, keep the tablet line's serial in step.
    for (ComponentType type : kAllComponents)
        if (!kit.component(type)) kit.components.push_back(Component{type, {}, ComponentStatus::InPlace, {}});
    std::sort(kit.components.begin(), kit.components.end(),
              [](const Component& a, const Component& b) { return a.type < b.type; });
    kit.component(ComponentType::Tablet)->serial = kit.tablet.serial;
    for (auto& c : kit.components) c.serial = trim(c.serial);
    return kit;
}

std::string_view paper_item_code(PaperItem item) {
    return item == PaperItem::Explanations ? "explanations" : "certificates";
}
std::optional<PaperItem> parse_paper_item(std::string_view code) {
    for (auto i : kAllPaperItems)
        if (paper_item_code(i) == code) return i;
    return std::nullopt;
}
const char* paper_item_label(PaperItem item) {
    return item == PaperItem::Explanations
               ? N_("Explanations for filling in census sheets")
               : N_("Blank certificates of census completion");
}

}  // namespace sanaq
