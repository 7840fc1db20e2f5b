// Keyboard access, in English, Russian and Kazakh on a fresh demo workspace: on every
// screen of every role and in the main dialogs and wizards,
//   1. no two controls of one window (a dialog, a screen) share a mnemonic letter in the labels as
//      shown, and no menu (nor the menu bar) has two items on one letter;
//   2. Tab (wxWindow::Navigate, what wx does for the Tab key) reaches every shown, enabled control
//      that takes the focus, starting from the first, and comes back to it — no trap;
//   3. Escape (wxEVT_CHAR_HOOK, as wx offers the key first) closes every modal dialog and every
//      wizard page, and the login dialog's Escape is its Quit.
// The checks themselves are tried first on windows made to fail them, so a check that can no
// longer fail fails the test.
#include <boost/test/unit_test.hpp>
#include <wx/anybutton.h>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <dlfcn.h>
#include <map>
#include <set>
#include <sstream>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "core/usecases/users.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/app/ui_language.h"
#include "ui/common/confirm_dialog.h"
#include "ui/common/reason_dialog.h"
#include "ui/common/tab_order.h"
#include "ui/devices/enrol_key_dialog.h"
#include "ui/institutions/institution_dialog.h"
#include "ui/institutions/staff_dialog.h"
#include "ui/kits/issue_wizard.h"
#include "ui/kits/kit_acts_dialog.h"
#include "ui/kits/paper_stock_dialog.h"
#include "ui/kits/register_kit_dialog.h"
#include "ui/kits/replace_part_dialog.h"
#include "ui/kits/return_dialog.h"
#include "ui/kits/return_gate_dialog.h"
#include "ui/kits/service_dialog.h"
#include "ui/lists/list_import_wizard.h"
#include "ui/lists/lists_panel.h"
#include "ui/login/login_dialog.h"
#include "ui/login/restore_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/app/appearance.h"
#include "ui/app/preferences.h"
#include "ui/layout_check.h"
#include "ui/ui_driver.h"
#include "ui/users/add_user_dialog.h"
#include "ui/users/change_password_dialog.h"
#include "ui/users/password_reset_dialog.h"
#include "ui/users/role_dialog.h"

namespace sanaq::test {
namespace {

std::string utf8(const wxString& s) { return s.utf8_string(); }

// --- 1. Mnemonics ---------------------------------------------------------------------------------

/// The letter after the first single '&' ("&&" is a literal ampersand), lower-cased; 0 when none.
wxUniChar mnemonic_of(const wxString& label) {
    for (std::size_t i = 0; i + 1 < label.length(); ++i) {
        if (label[i] != '&') continue;
        if (label[i + 1] == '&') {
            ++i;
            continue;
        }
        return wxString(label[i + 1]).Lower()[0];
    }
    return 0;
}

/// Controls whose label the user reads and whose mnemonic GTK honours.
bool has_mnemonic_label(wxWindow* w) {
    return dynamic_cast<wxStaticText*>(w) || dynamic_cast<wxAnyButton*>(w) || dynamic_cast<wxCheckBox*>(w) ||
           dynamic_cast<wxRadioButton*>(w) || dynamic_cast<wxStaticBox*>(w);
}

using Labels = std::vector<wxString>;

void collect_labels(wxWindow* root, Labels& out) {
    for (wxWindow* w : root->GetChildren()) {
        if (w->IsTopLevel() || !w->IsShown()) continue;
        if (has_mnemonic_label(w) && mnemonic_of(w->GetLabel()) != 0) out.push_back(w->GetLabel());
        collect_labels(w, out);
    }
}

/// "letter: label | label" for every letter more than one label uses.
std::vector<std::string> clashes(const Labels& labels) {
    std::map<wxUniChar, Labels> by_letter;
    for (const auto& l : labels) by_letter[mnemonic_of(l)].push_back(l);
    std::vector<std::string> out;
    for (const auto& [letter, users] : by_letter) {
        if (users.size() < 2) continue;
        std::string line = utf8(wxString(letter)) + ":";
        for (const auto& u : users) line += " \"" + utf8(u) + "\"";
        out.push_back(line);
    }
    return out;
}

/// The clashes in a window as it is shown now; a frame's menu titles among themselves and each
/// menu's items among themselves. (A menu title sharing a letter with a control of the screen is
/// not counted yet: GTK then moves the focus between the two on Alt+letter instead of acting; F10
/// still opens the menu bar. ru and kk have several — see ui/README.md, "Keyboard".)
std::vector<std::string> mnemonic_clashes(wxWindow* top) {
    Labels labels;
    collect_labels(top, labels);
    std::vector<std::string> out;
    if (auto* frame = dynamic_cast<wxFrame*>(top); frame && frame->GetMenuBar()) {
        wxMenuBar* bar = frame->GetMenuBar();
        Labels titles;
        for (std::size_t i = 0; i < bar->GetMenuCount(); ++i) {
            titles.push_back(bar->GetMenuLabel(i));
            std::vector<wxMenu*> menus{bar->GetMenu(i)};
            while (!menus.empty()) {
                wxMenu* menu = menus.back();
                menus.pop_back();
                Labels items;
                for (wxMenuItem* item : menu->GetMenuItems()) {
                    if (item->IsSeparator()) continue;
                    if (mnemonic_of(item->GetItemLabel().BeforeFirst('\t')) != 0) items.push_back(item->GetItemLabel().BeforeFirst('\t'));
                    if (item->GetSubMenu()) menus.push_back(item->GetSubMenu());
                }
                for (auto& c : clashes(items)) out.push_back("menu " + utf8(bar->GetMenuLabelText(i)) + ": " + c);
            }
        }
        for (auto& c : clashes(titles)) out.push_back("menu bar: " + c);
    }
    for (auto& c : clashes(labels)) out.push_back(c);
    return out;
}

void check_mnemonics(wxWindow* top, const std::string& where) {
    for (const auto& c : mnemonic_clashes(top)) BOOST_ERROR(where << ": two controls on one mnemonic, " << c);
}

// --- 2. Tab order -----------------------------------------------------------------------------------

/// The windows Tab should visit inside `root`: shown, enabled windows that take the focus from
/// the keyboard; panels and books are walked into. A wxNotebook is both: GTK stops Tab on its tab
/// strip (the arrows then turn the pages), the next Tab goes into the page. Of a radio group only
/// the chosen button takes Tab (the arrows move inside the group).
void tab_stops(wxWindow* root, std::vector<wxWindow*>& out) {
    for (wxWindow* w : root->GetChildren()) {
        if (!w->IsShown() || w->IsTopLevel()) continue;
        if (dynamic_cast<wxNotebook*>(w) && w->IsEnabled()) {
            out.push_back(w);
            tab_stops(w, out);
            continue;
        }
        const bool container = dynamic_cast<wxPanel*>(w) || dynamic_cast<wxBookCtrlBase*>(w) ||
                               dynamic_cast<wxStaticBox*>(w) || dynamic_cast<wxSplitterWindow*>(w);
        if (!container && w->AcceptsFocusFromKeyboard() && w->IsEnabled()) {
            if (auto* radio = dynamic_cast<wxRadioButton*>(w); radio && !radio->GetValue()) continue;
            out.push_back(w);
        } else {
            tab_stops(w, out);
        }
    }
}

/// The stop that holds the keyboard focus (it, or a part of it), null when none does.
wxWindow* stop_holding(wxWindow* focus, const std::vector<wxWindow*>& stops) {
    for (wxWindow* w = focus; w; w = w->IsTopLevel() ? nullptr : w->GetParent())
        if (std::find(stops.begin(), stops.end(), w) != stops.end()) return w;
    return nullptr;
}

/// GTK's own focus widget in `top`, for when wx does not know it: wx follows the focus through
/// GTK's focus events on each control's main widget, and a wxChoice (a GtkComboBox) takes the
/// focus on the button inside it, so FindFocus() is null while the user sees the choice focused
/// and Tab goes on from it. Asked at run time (the test is not built against GTK's headers);
/// null where the toolkit is not GTK.
void* gtk_focus_widget(wxWindow* top) {
    using FocusOf = void* (*)(void*);
    static const auto focus_of = reinterpret_cast<FocusOf>(dlsym(RTLD_DEFAULT, "gtk_window_get_focus"));
    return focus_of && top->GetHandle() ? focus_of(top->GetHandle()) : nullptr;
}

/// False only when GTK says `top` is not the active window.
bool window_active(wxWindow* top) {
    using Active = int (*)(void*);
    static const auto active = reinterpret_cast<Active>(dlsym(RTLD_DEFAULT, "gtk_window_is_active"));
    return !active || !top->GetHandle() || active(top->GetHandle());
}

/// The stop whose widget holds GTK's focus widget.
wxWindow* stop_holding_gtk_focus(wxWindow* top, const std::vector<wxWindow*>& stops) {
    using ParentOf = void* (*)(void*);
    static const auto parent_of = reinterpret_cast<ParentOf>(dlsym(RTLD_DEFAULT, "gtk_widget_get_parent"));
    if (!parent_of) return nullptr;
    for (void* widget = gtk_focus_widget(top); widget; widget = parent_of(widget))
        for (wxWindow* w : stops)
            if (w->GetHandle() == widget) return w;
    return nullptr;
}

std::string describe(wxWindow* w) {
    if (!w) return "(nothing)";
    std::string s = utf8(w->GetClassInfo() ? wxString(w->GetClassInfo()->GetClassName()) : wxString("?"));
    if (has_mnemonic_label(w)) s += " \"" + utf8(w->GetLabel()) + "\"";
    else if (!w->GetName().empty()) s += " " + utf8(w->GetName());
    return s;
}

/// What Tab does, from the first stop: the stops in the order visited, whether it came back to
/// the first (false: a trap, or focus lost), and what went wrong.
struct TabWalk {
    std::vector<wxWindow*> visited;
    bool cycled = false;
    bool inconclusive = false;
    std::string problem;
};

TabWalk walk_tab(wxWindow* root) {
    TabWalk walk;
    std::vector<wxWindow*> stops;
    tab_stops(root, stops);
    if (stops.empty()) return walk;
    stops.front()->SetFocus();
    pump_for(50ms);  // GTK moves its focus a little later; FindFocus() says the new one at once
    for (std::size_t step = 0; step < 2 * stops.size() + 4; ++step) {
        wxWindow* stop = nullptr;
        if (wxWindow::FindFocus()) {
            stop = stop_holding(wxWindow::FindFocus(), stops);
        } else if (!(stop = stop_holding_gtk_focus(wxGetTopLevelParent(root), stops))) {
            if (!window_active(wxGetTopLevelParent(root))) {
                // GTK keeps no focus in a window that is not active (a display with no window
                // manager may leave it so): nothing can be said about this step.
                walk.inconclusive = true;
                return walk;
            }
            walk.problem = "the focus went nowhere after " +
                           (walk.visited.empty() ? std::string("the start") : describe(walk.visited.back()));
            return walk;
        }
        if (!stop) {
            walk.problem = "the focus went to " + describe(wxWindow::FindFocus()) + " after " +
                           (walk.visited.empty() ? std::string("the start") : describe(walk.visited.back()));
            return walk;
        }
        if (!walk.visited.empty() && stop == stops.front()) {
            walk.cycled = true;
            return walk;
        }
        if (std::find(walk.visited.begin(), walk.visited.end(), stop) != walk.visited.end()) {
            walk.problem = "Tab is caught in a loop at " + describe(stop);
            return walk;
        }
        walk.visited.push_back(stop);
        stop->Navigate(wxNavigationKeyEvent::IsForward);
    }
    walk.problem = "Tab never came back to " + describe(stops.front());
    return walk;
}

void check_tab(wxWindow* root, const std::string& where) {
    std::vector<wxWindow*> stops;
    tab_stops(root, stops);
    const TabWalk walk = walk_tab(root);
    if (walk.inconclusive) {
        // Said in the log, with what was checked; the planted windows below must be conclusive.
        BOOST_TEST_MESSAGE(where << ": the window is not active on this display, GTK holds no focus in it after "
                                 << walk.visited.size() << " of " << stops.size()
                                 << " stops; whether Tab reaches the others is not checked");
        return;
    }
    BOOST_CHECK_MESSAGE(walk.problem.empty(), where << ": " << walk.problem);
    if (!walk.problem.empty()) return;
    BOOST_CHECK_MESSAGE(walk.cycled || stops.size() <= 1, where << ": Tab does not come back to the first control");
    std::string order;
    for (wxWindow* w : walk.visited) order += "\n    " + describe(w);
    for (wxWindow* w : stops)
        BOOST_CHECK_MESSAGE(std::find(walk.visited.begin(), walk.visited.end(), w) != walk.visited.end(),
                            where << ": Tab never reaches " << describe(w) << "; it went" << order);
    // Along a row of the same parent (buttons side by side) Tab goes left to right, as one reads.
    for (std::size_t i = 1; i < walk.visited.size(); ++i) {
        wxWindow* a = walk.visited[i - 1];
        wxWindow* b = walk.visited[i];
        if (a->GetParent() != b->GetParent()) continue;
        const wxRect ra = a->GetScreenRect(), rb = b->GetScreenRect();
        const bool same_row = std::abs(ra.GetTop() - rb.GetTop()) < ra.GetHeight() / 2;
        BOOST_CHECK_MESSAGE(!same_row || rb.GetLeft() >= ra.GetRight(),
                            where << ": Tab goes right to left, from " << describe(a) << " to " << describe(b));
    }
}

// --- 3. Escape --------------------------------------------------------------------------------------

/// Escape as the keyboard gives it, to whatever has the focus in `dialog` (else the dialog).
/// True when the dialog left its modal loop.
bool escape_closes(wxDialog& dialog) {
    wxWindow* focus = wxWindow::FindFocus();
    wxWindow* target = (focus && wxGetTopLevelParent(focus) == &dialog) ? focus : &dialog;
    hook_key(target, WXK_ESCAPE);
    return !dialog.IsModal();
}

/// Everything a modal dialog is checked for, inside its modal loop.
/// Nothing past the window's edge or squeezed below its text (tests/ui/layout_check.h).
void check_fits(wxWindow* window, const std::string& where) {
    const auto cut = controls_cut_off(window);
    std::string list;
    for (const auto& c : cut) list += "\n  " + c;
    BOOST_CHECK_MESSAGE(cut.empty(), where << ": cut off" << list);
}

template <class Dialog>
void inspect(ModalScript& script, const std::string& where, std::function<void(Dialog&)> before = {}) {
    script.when<Dialog>(where, [where, before](Dialog& d) {
        if (before) before(d);
        pump_for(50ms);
        check_mnemonics(&d, where);
        check_tab(&d, where);
        check_fits(&d, where);
        BOOST_CHECK_MESSAGE(escape_closes(d), where << ": Escape does not close it");
        if (d.IsModal()) d.EndModal(wxID_CANCEL);  // so that a failure does not hang the run
    });
}

/// Shows `dialog` modally with the script armed; checks the script ran to its end.
void run_modal(ModalScript& script, wxDialog& dialog, const std::string& where) {
    const int code = dialog.ShowModal();
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), where << ": " << script.report());
    BOOST_CHECK_MESSAGE(code != wxID_OK, where << ": Escape ended it with OK");
}

template <class Dialog, class... Args>
void check_dialog(wxWindow* parent, const std::string& where, std::function<void(Dialog&)> before, Args&&... args) {
    ModalScript script(20s);
    inspect<Dialog>(script, where, before);
    Dialog dialog(parent, std::forward<Args>(args)...);
    run_modal(script, dialog, where);
}

// --- The application --------------------------------------------------------------------------------

std::string first_kit(Session& session, KitState state) {
    KitQuery query;
    query.state = state;
    query.limit = 1;
    auto kits = list_kits(session, query);
    BOOST_REQUIRE(kits && !kits->empty());
    return kits->front().number;
}

Kit kit_named(Session& session, const std::string& number) {
    auto history = kit_history(session, number);
    BOOST_REQUIRE(history);
    return history->kit;
}

void check_screens(ui::MainFrame* frame, const std::string& where) {
    for (auto screen : kEveryScreen) {
        if (!frame->show_screen(screen)) continue;
        pump_for(150ms);  // workers report, the layout settles
        const std::string name = where + " screen " + std::to_string(static_cast<int>(screen));
        check_mnemonics(frame, name);
        check_tab(frame, name);
        check_fits(frame, name);
        BOOST_CHECK_MESSAGE(frame->navigation()->GetSelection() >= 0, name);
    }
}

void check_login(StationRun& run, const std::string& lang) {
    ui::LoginDialog* login = run.station().login_dialog();
    BOOST_REQUIRE(login);
    check_mnemonics(login, lang + " login");
    check_tab(login, lang + " login");
    BOOST_CHECK(login->sign_in_button()->IsThisEnabled() && login->GetDefaultItem() == login->sign_in_button());
    // The restore dialog, reached from the login dialog by keyboard.
    ModalScript script(20s);
    inspect<ui::RestoreDialog>(script, lang + " restore");
    BOOST_REQUIRE(press(login->restore_button()));
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
}

void check_officer_dialogs(StationRun& run, ui::MainFrame* frame, const std::string& lang) {
    Session& s = run.session();
    const std::string in_stock = first_kit(s, KitState::InStock);
    const std::string issued = first_kit(s, KitState::Issued);
    auto institutions = list_institutions(s);
    BOOST_REQUIRE(institutions && !institutions->empty());

    check_dialog<ui::RegisterKitDialog>(frame, lang + " register kit", {}, s);
    check_dialog<ui::IssueWizard>(frame, lang + " issue wizard, kits", {}, s, in_stock);
    check_dialog<ui::IssueWizard>(frame, lang + " issue wizard, holder",
                                  [](ui::IssueWizard& w) { press(w.next_button()); }, s, in_stock);
    check_dialog<ui::ReturnDialog>(frame, lang + " return", {}, s, issued);
    check_dialog<ui::ServiceDialog>(frame, lang + " service", {}, s, kit_named(s, in_stock));
    check_dialog<ui::ReplacePartDialog>(frame, lang + " replace part", {}, s, kit_named(s, issued));
    check_dialog<ui::KitActsDialog>(frame, lang + " kit acts", {}, s, issued);
    check_dialog<ui::PaperStockDialog>(frame, lang + " paper stock", {}, s);
    auto history = kit_history(s, issued);
    BOOST_REQUIRE(history && !history->acts.empty());
    auto act = find_act(s, history->acts.front().number);
    BOOST_REQUIRE(act);
    // Its page buttons come alive when the pages are laid out (off the UI thread): walk it after.
    check_dialog<ui::ActPreviewDialog>(
        frame, lang + " act preview",
        [](ui::ActPreviewDialog& p) { pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s); },
        s, *act, wxString());
    check_dialog<ui::InstitutionDialog>(frame, lang + " institution", {}, s, std::optional<Institution>{});
    check_dialog<ui::StaffDialog>(frame, lang + " employee", {}, s, institutions->front());
    check_dialog<ui::EnrolKeyDialog>(frame, lang + " enrol key", {}, s, issued, std::string(), wxString("tablet"));
    {
        BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Lists));
        ModalScript script(20s);
        inspect<ui::ListImportWizard>(script, lang + " list import");
        BOOST_REQUIRE(press(frame->lists_panel()->import_button()));
        BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
    }
    check_dialog<ui::ReasonDialog>(frame, lang + " reason", {}, _("Discard"), _("Why?"));
    check_dialog<ui::ConfirmDialog>(frame, lang + " confirm", {}, _("Discard"), _("Sure?"), _("&Discard"), _("&Keep"));
    ModalScript script(20s);
    inspect<ui::ChangePasswordDialog>(script, lang + " change password");
    frame->change_password();
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
}

void check_admin_dialogs(StationRun& run, ui::MainFrame* frame, const std::string& lang) {
    Session& s = run.session();
    auto users = list_users(s);
    BOOST_REQUIRE(users && !users->empty());
    check_dialog<ui::AddUserDialog>(frame, lang + " add user", {}, s);
    check_dialog<ui::RoleDialog>(frame, lang + " role", {}, s, users->back());
    check_dialog<ui::PasswordResetDialog>(frame, lang + " password reset", {}, s, users->back().name);
}

void check_supervisor_dialogs(StationRun& run, ui::MainFrame* frame, const std::string& lang) {
    Session& s = run.session();
    check_dialog<ui::ReturnGateDialog>(frame, lang + " allow return", {}, s, first_kit(s, KitState::Issued));
}

/// The walk, with every user's text at `percent` (Settings → Text size).
void keyboard_everywhere(const std::string& lang, int percent = 100) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    check_login(run, lang);
    const char* users[] = {"officer", "admin", "supervisor", "custodian"};
    for (const char* user : users) ui::save_appearance(user, {percent, false});
    for (const char* user : users) {
        ui::MainFrame* frame = run.switch_user(user);
        check_screens(frame, lang + " " + user + (percent == 100 ? "" : " at " + std::to_string(percent) + " %"));
        if (std::string(user) == "officer") check_officer_dialogs(run, frame, lang);
        if (std::string(user) == "admin") check_admin_dialogs(run, frame, lang);
        if (std::string(user) == "supervisor") check_supervisor_dialogs(run, frame, lang);
    }
    for (const char* user : users) ui::save_appearance(user, {});
    ui::apply_appearance({});
}

// --- The checks on windows made to fail them ------------------------------------------------------

/// A panel that keeps Tab on its second child once there: what a trap looks like.
class TrapPanel : public wxPanel {
public:
    explicit TrapPanel(wxWindow* parent) : wxPanel(parent) {
        new wxTextCtrl(this, wxID_ANY);
        second_ = new wxTextCtrl(this, wxID_ANY);
    }

protected:
    bool DoNavigateIn(int) override {
        second_->SetFocus();
        return true;
    }

private:
    wxTextCtrl* second_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_keyboard)  // one CTest entry: test_ui.keyboard (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(the_keyboard_checks_catch_what_they_look_for, *boost::unit_test::timeout(60)) {
    ui::apply_ui_language("en");
    BOOST_CHECK(mnemonic_of("Save &idle lock") == 'i');
    BOOST_CHECK(mnemonic_of("R&&D &report") == 'r');
    BOOST_CHECK(mnemonic_of(wxString::FromUTF8("Высокий ко&нтраст")) == wxString::FromUTF8("н")[0]);
    BOOST_CHECK(mnemonic_of(wxString::FromUTF8("Отме&Нить")) == wxString::FromUTF8("н")[0]);

    // The clash the Russian Settings screen had, planted in a dialog.
    wxDialog clash(nullptr, wxID_ANY, "clash");
    new wxCheckBox(&clash, wxID_ANY, wxString::FromUTF8("Высокий ко&нтраст"));
    new wxButton(&clash, wxID_ANY, wxString::FromUTF8("Отме&нить копирование"));
    new wxButton(&clash, wxID_ANY, "&Other");
    BOOST_CHECK_EQUAL(mnemonic_clashes(&clash).size(), 1u);

    // A trap: Tab never leaves the panel.
    wxDialog trapped(nullptr, wxID_ANY, "trap");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new TrapPanel(&trapped));
    sizer->Add(new wxButton(&trapped, wxID_OK, "&OK"));
    trapped.SetSizerAndFit(sizer);
    trapped.Show();
    pump_for(100ms);
    const TabWalk walk = walk_tab(&trapped);
    BOOST_CHECK(!walk.inconclusive);
    BOOST_CHECK(!walk.cycled);
    BOOST_CHECK(!walk.problem.empty());
    trapped.Hide();

    // A free dialog: Tab goes round, through a choice (whose focus wx does not see, GTK does) and
    // a notebook's tabs and page.
    wxDialog free(nullptr, wxID_ANY, "free");
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxTextCtrl(&free, wxID_ANY));
    auto* choice = new wxChoice(&free, wxID_ANY);
    choice->Append("one");
    choice->SetSelection(0);
    column->Add(choice);
    auto* notebook = new wxNotebook(&free, wxID_ANY);
    auto* page = new wxPanel(notebook);
    auto* in_page = new wxTextCtrl(page, wxID_ANY);
    notebook->AddPage(page, "page");
    column->Add(notebook);
    column->Add(new wxButton(&free, wxID_OK, "&OK"));
    free.SetSizerAndFit(column);
    free.Show();
    pump_for(100ms);
    const TabWalk round = walk_tab(&free);
    BOOST_CHECK(!round.inconclusive);
    BOOST_CHECK_MESSAGE(round.cycled && round.problem.empty() && round.visited.size() == 5,
                        "free dialog: " << round.problem << ", " << round.visited.size() << " stops visited");
    BOOST_CHECK(std::find(round.visited.begin(), round.visited.end(), choice) != round.visited.end());
    BOOST_CHECK(std::find(round.visited.begin(), round.visited.end(), in_page) != round.visited.end());
    free.Hide();

    // A book page that was empty when the Tab order was made and is filled later (the main
    // window's screens are made when first shown): once its place in the order is made again,
    // Tab goes into it. (That wxGTK passes it by before that was seen in the main window, not
    // reproduced in this small dialog, so it is not asserted here.)
    wxDialog late(nullptr, wxID_ANY, "late");
    auto* rows = new wxBoxSizer(wxVERTICAL);
    rows->Add(new wxButton(&late, wxID_OK, "&OK"));
    auto* book = new wxSimplebook(&late);
    book->AddPage(new wxPanel(book), "first");
    auto* holder = new wxPanel(book);
    book->AddPage(holder, "second");
    rows->Add(book, 1, wxEXPAND);
    late.SetSizer(rows);
    late.SetSize(400, 300);
    late.Show();
    book->ChangeSelection(1);
    pump_for(100ms);
    auto* filled = new wxTextCtrl(new wxPanel(holder), wxID_ANY);
    auto* holder_sizer = new wxBoxSizer(wxVERTICAL);
    holder_sizer->Add(filled->GetParent(), 1, wxEXPAND);
    holder->SetSizer(holder_sizer);
    holder->Layout();
    ui::tab_order_include(holder);
    pump_for(100ms);
    const TabWalk reached = walk_tab(&late);
    BOOST_CHECK(!reached.inconclusive);
    BOOST_CHECK_MESSAGE(reached.cycled && std::find(reached.visited.begin(), reached.visited.end(), filled) != reached.visited.end(),
                        "Tab does not go into the late page: " << reached.problem);
    late.Hide();

    // A dialog that swallows Escape is caught; an ordinary one closes.
    {
        ModalScript script(5s);
        bool closed = true;
        script.when<wxDialog>("deaf", [&](wxDialog& d) {
            closed = escape_closes(d);
            d.EndModal(wxID_OK);
        });
        wxDialog deaf(nullptr, wxID_ANY, "deaf");
        new wxButton(&deaf, wxID_CANCEL, "&Cancel");
        deaf.Bind(wxEVT_CHAR_HOOK, [](wxKeyEvent&) {});
        deaf.ShowModal();
        BOOST_CHECK(!closed);
    }
    {
        ModalScript script(5s);
        bool closed = false;
        script.when<wxDialog>("plain", [&](wxDialog& d) { closed = escape_closes(d); });
        wxDialog plain(nullptr, wxID_ANY, "plain");
        new wxButton(&plain, wxID_CANCEL, "&Cancel");
        BOOST_CHECK_EQUAL(plain.ShowModal(), wxID_CANCEL);
        BOOST_CHECK(closed);
    }
}

BOOST_AUTO_TEST_CASE(every_screen_and_dialog_by_keyboard_in_english, *boost::unit_test::timeout(400)) {
    keyboard_everywhere("en");
}

BOOST_AUTO_TEST_CASE(every_screen_and_dialog_by_keyboard_in_russian, *boost::unit_test::timeout(400)) {
    keyboard_everywhere("ru");
}

BOOST_AUTO_TEST_CASE(every_screen_and_dialog_by_keyboard_in_kazakh, *boost::unit_test::timeout(400)) {
    keyboard_everywhere("kk");
}

// The longest language at the largest text: the dialogs too must keep every control whole.
BOOST_AUTO_TEST_CASE(every_screen_and_dialog_at_200_percent_text_in_kazakh, *boost::unit_test::timeout(400)) {
    keyboard_everywhere("kk", 200);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
