#include "ui/main/main_frame.h"

#include <wx/aboutdlg.h>
#include <wx/button.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>

#include "core/domain/role.h"
#include "core/i18n/catalog.h"
#include "ui/app/appearance.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/audit/audit_panel.h"
#include "ui/common/desktop_notice.h"
#include "ui/common/palette.h"
#include "ui/common/tab_order.h"
#include "ui/common/text.h"
#include "ui/common/ui_heartbeat.h"
#include "ui/coverage/coverage_panel.h"
#include "ui/dashboard/dashboard_panel.h"
#include "ui/devices/devices_panel.h"
#include "ui/institutions/institutions_panel.h"
#include "ui/kits/kits_panel.h"
#include "ui/lists/lists_panel.h"
#include "ui/main/demo_badge.h"
#include "ui/review/review_panel.h"
#include "ui/settings/settings_panel.h"
#include "ui/upstream/upstream_panel.h"
#include "ui/users/change_password_dialog.h"
#include "ui/users/confirm_access.h"
#include "ui/users/users_panel.h"

namespace sanaq::ui {
namespace {
enum MenuId {
    kLockId = wxID_HIGHEST + 100,
    kSignOutId,
    kChangePasswordId,
    kScreenFirstId,                          // + Screen
    kLanguageFirstId = kScreenFirstId + 20,  // + index in i18n::kLanguages
    kConfirmAccessId = kLanguageFirstId + 20,
};
constexpr int kScreenCount = 11;

wxString screen_title(MainFrame::Screen screen) {
    switch (screen) {
        case MainFrame::Screen::Kits:
            return _("Kits");
        case MainFrame::Screen::Institutions:
            return _("Institutions");
        case MainFrame::Screen::Audit:
            return _("Audit trail");
        case MainFrame::Screen::Users:
            return _("Users");
        case MainFrame::Screen::Devices:
            return _("Devices");
        // TRANSLATORS: screen of the institutions' lists of respondents.
        case MainFrame::Screen::Lists:
            return _("Lists");
        case MainFrame::Screen::Coverage:
            return _("Coverage");
        // TRANSLATORS: screen of the supervisors' review queue (uncertain matches).
        case MainFrame::Screen::Review:
            return _("Review");
        // TRANSLATORS: screen that sends the census data on to the national census database.
        case MainFrame::Screen::Upstream:
            return _("Upstream");
        // TRANSLATORS: the screen the workstation opens to: today's figures and warnings.
        case MainFrame::Screen::Dashboard:
            return _("Dashboard");
        case MainFrame::Screen::Settings:
            return _("Settings");
    }
    return {};
}

// Ctrl+0..9 stay with their screen whatever the role, so the keys mean the same for everyone.
wxString screen_menu_label(MainFrame::Screen screen) {
    switch (screen) {
        case MainFrame::Screen::Kits:
            return _("&Kits") + "\tCtrl+1";
        case MainFrame::Screen::Institutions:
            return _("&Institutions") + "\tCtrl+2";
        case MainFrame::Screen::Audit:
            return _("&Audit trail") + "\tCtrl+3";
        case MainFrame::Screen::Users:
            return _("&Users") + "\tCtrl+4";
        case MainFrame::Screen::Devices:
            return _("&Devices") + "\tCtrl+5";
        case MainFrame::Screen::Lists:
            return _("Li&sts") + "\tCtrl+6";
        case MainFrame::Screen::Coverage:
            return _("C&overage") + "\tCtrl+7";
        case MainFrame::Screen::Review:
            return _("&Review") + "\tCtrl+8";
        case MainFrame::Screen::Upstream:
            return _("U&pstream") + "\tCtrl+9";
        case MainFrame::Screen::Dashboard:
            return _("Das&hboard") + "\tCtrl+0";
        case MainFrame::Screen::Settings:
            return _("S&ettings") + "\tCtrl+,";
    }
    return {};
}
}  // namespace

MainFrame::MainFrame(std::shared_ptr<OpenWorkspace> workspace, Actions actions)
    : wxFrame(nullptr, wxID_ANY, wxEmptyString, wxDefaultPosition, wxSize(1180, 760)),
      workspace_(std::move(workspace)),
      actions_(std::move(actions)),
      notice_timer_(this) {
    const Role role = workspace_->actor().role;
    screens_ = {Screen::Dashboard, Screen::Kits, Screen::Institutions};
    if (permits(role, Operation::ViewAudit)) screens_.push_back(Screen::Audit);
    if (permits(role, Operation::ManageUsers)) screens_.push_back(Screen::Users);
    if (permits(role, Operation::ViewDevices)) screens_.push_back(Screen::Devices);
    if (permits(role, Operation::ImportLists) || permits(role, Operation::ViewCoverage))
        screens_.push_back(Screen::Lists);
    if (permits(role, Operation::ViewCoverage)) screens_.push_back(Screen::Coverage);
    // The queue shows personal data: ViewCensusData; deciding is DecideReview (the panel's
    // buttons).
    if (permits(role, Operation::ViewCensusData)) screens_.push_back(Screen::Review);
    if (permits(role, Operation::ViewUpstream)) screens_.push_back(Screen::Upstream);
    screens_.push_back(
        Screen::Settings);  // everyone: their own language and appearance; the rest read-only

    CreateStatusBar(3);
    const int widths[] = {-2, -3, FromDIP(130)};
    GetStatusBar()->SetStatusWidths(3, widths);
    if (workspace_->demo()) {
        badge_ = new DemoBadge(GetStatusBar());
        GetStatusBar()->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            place_badge();
            e.Skip();
        });
    }
    build();

    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
        auto closed = actions_.closed;
        forget_actions();
        Destroy();
        if (closed) closed();
    });
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (actions_.lock) actions_.lock();
        },
        kLockId);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (actions_.sign_out) actions_.sign_out();
        },
        kSignOutId);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { change_password(); }, kChangePasswordId);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            confirm_colleagues_access(this, workspace_->session(),
                                      [this](const wxString& text) { show_notice(text); });
        },
        kConfirmAccessId);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { about(); }, wxID_ABOUT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& e) { show_screen(static_cast<Screen>(e.GetId() - kScreenFirstId)); },
        kScreenFirstId, kScreenFirstId + kScreenCount - 1);
    // wxTimer(owner) delivers to its owner, so the handler is bound on the frame with the timer id.
    Bind(
        wxEVT_TIMER, [this](wxTimerEvent&) { update_status(); }, notice_timer_.GetId());
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& e) {
            const std::string code(i18n::kLanguages[e.GetId() - kLanguageFirstId]);
            if (actions_.switch_language) actions_.switch_language(code);
        },
        kLanguageFirstId, kLanguageFirstId + static_cast<int>(std::size(i18n::kLanguages)) - 1);
    if (const wxString waiting = colleagues_waiting_notice(workspace_->session()); !waiting.empty())
        show_notice(waiting);
}

MainFrame::~MainFrame() { notice_timer_.Stop(); }

void MainFrame::build() {
    ++builds_;
    // Where the toolkit does not scale its default font, the window does and its children inherit
    // it.
    if (!toolkit_font_scaled())
        SetFont(scaled_font(wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT)));
    SetTitle(format_text(_("Sanaq Station - {}"), {from_utf8(workspace_->dir().string())}));
    build_menu();
    build_body();
    update_status();
    if (badge_) {
        badge_->apply_texts();
        place_badge();
    }
    adapt_to_appearance(this);
    if (badge_) badge_->Refresh();
    if (focus_appearance_after_build_ && settings_) {
        focus_appearance_after_build_ = false;
        settings_->apply_appearance_button()->SetFocus();
    }
}

void MainFrame::build_menu() {
    auto* file = new wxMenu();
    if (permits(workspace_->actor().role, Operation::ChangeOwnPassword)) {
        file->Append(kChangePasswordId, _("Change &password..."),
                     _("Set a new password for your own account"));
        file->AppendSeparator();
    }
    if (permits(workspace_->actor().role, Operation::ViewCensusData) &&
        workspace_->session().keys.per_role_keys()) {
        file->Append(kConfirmAccessId, _("Confirm colleagues' &access..."),
                     _("Give colleagues an administrator added the census key their role needs"));
        file->AppendSeparator();
    }
    file->Append(kLockId, _("&Lock") + "\tCtrl+L",
                 _("Close the workspace and ask for the password again"));
    file->Append(kSignOutId, _("Sign &out"), _("Close the workspace and let another user sign in"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit") + "\tCtrl+Q");

    auto* view = new wxMenu();
    for (Screen s : screens_)
        view->Append(kScreenFirstId + static_cast<int>(s), screen_menu_label(s));
    view->AppendSeparator();
    auto* languages = new wxMenu();
    for (std::size_t i = 0; i < std::size(i18n::kLanguages); ++i) {
        auto* item = languages->AppendRadioItem(kLanguageFirstId + static_cast<int>(i),
                                                language_native_name(i18n::kLanguages[i]));
        item->Check(i18n::kLanguages[i] == ui_language());
    }
    // TRANSLATORS: View menu entry opening the list of interface languages.
    view->AppendSubMenu(languages, _("&Language"));

    auto* help = new wxMenu();
    help->Append(wxID_ABOUT, _("&About Sanaq Station"));

    auto* bar = new wxMenuBar();
    bar->Append(file, _("&File"));
    bar->Append(view, _("&View"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);  // deletes the previous bar
}

void MainFrame::build_body() {
    const auto previous = current_screen();
    Freeze();
    if (body_) body_->Destroy();
    kits_ = nullptr;
    institutions_ = nullptr;
    audit_ = nullptr;
    users_ = nullptr;
    devices_ = nullptr;
    lists_ = nullptr;
    coverage_ = nullptr;
    review_ = nullptr;
    upstream_ = nullptr;
    dashboard_ = nullptr;
    settings_ = nullptr;

    body_ = new wxPanel(this);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    navigation_ = new wxListBox(body_, wxID_ANY);
    book_ = new wxSimplebook(body_);
    built_.assign(screens_.size(), false);
    const Screen first = previous.value_or(Screen::Dashboard);
    for (Screen s : screens_) {
        // Made now: the screen to show, and those with work of their own while out of view (the
        // Devices screen watches the USB bus and announces tablets, the Upstream screen's timer
        // retries batches). The others are made when first shown: each reads its data as it is
        // made, and with a department's million people that was most of the main window's start
        // (bench_ui_cold_start). Until then their page is an empty placeholder.
        const bool now =
            s == first || s == Screen::Dashboard || s == Screen::Devices || s == Screen::Upstream;
        wxWindow* page = now ? make_screen(s, book_) : new wxPanel(book_);
        book_->AddPage(page, screen_title(s));
        navigation_->Append(screen_title(s));
    }
    navigation_->SetFont(navigation_->GetFont().Scaled(1.15f));
    int widest = FromDIP(150);  // the screens' names, whatever their length in this language
    for (Screen s : screens_)
        widest = std::max(widest, navigation_->GetTextExtent(screen_title(s)).x + FromDIP(24));
    navigation_->SetMinSize(wxSize(widest, -1));
    row->Add(navigation_, 0, wxEXPAND | wxALL, FromDIP(6));
    row->Add(book_, 1, wxEXPAND | wxTOP | wxRIGHT | wxBOTTOM, FromDIP(6));
    body_->SetSizer(row);
    navigation_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
        if (e.GetSelection() >= 0 && e.GetSelection() < static_cast<int>(screens_.size()))
            show_screen(screens_[static_cast<std::size_t>(e.GetSelection())]);
    });

    auto* frame_sizer = new wxBoxSizer(wxVERTICAL);
    frame_sizer->Add(body_, 1, wxEXPAND);
    SetSizer(frame_sizer);  // deletes the previous sizer
    if (!show_screen(previous.value_or(Screen::Dashboard), false))
        show_screen(Screen::Dashboard, false);
    Layout();
    Thaw();
}

wxWindow* MainFrame::make_screen(Screen s, wxWindow* parent) {
    Session& session = workspace_->session();
    wxWindow* page = nullptr;
    // The screens with long work of their own report it in the status bar and, at its end, as a
    // notice.
    auto report_to_frame = [this](auto* screen) {
        screen->on_status = [this](const wxString& text) { show_notice(text); };
        screen->on_finished = [this](const wxString& title, const wxString& text) {
            announce(title, text);
        };
    };
    switch (s) {
        case Screen::Kits:
            page = kits_ = new KitsPanel(parent, workspace_);
            break;
        case Screen::Institutions:
            page = institutions_ = new InstitutionsPanel(parent, session);
            break;
        case Screen::Audit:
            page = audit_ = new AuditPanel(parent, session);
            break;
        case Screen::Users:
            page = users_ = new UsersPanel(parent, session);
            break;
        case Screen::Devices:
            page = devices_ = new DevicesPanel(parent, workspace_);
            report_to_frame(devices_);
            break;
        case Screen::Lists:
            page = lists_ = new ListsPanel(parent, workspace_);
            break;
        case Screen::Coverage:
            page = coverage_ = new CoveragePanel(parent, workspace_);
            report_to_frame(coverage_);
            break;
        case Screen::Review:
            page = review_ = new ReviewPanel(parent, workspace_);
            break;
        case Screen::Upstream:
            page = upstream_ = new UpstreamPanel(parent, workspace_);
            report_to_frame(upstream_);
            break;
        case Screen::Dashboard:
            page = dashboard_ = new DashboardPanel(parent, workspace_);
            dashboard_->on_open = [this](DashboardLink link) { open_link(link); };
            break;
        case Screen::Settings:
            page = settings_ = new SettingsPanel(parent, workspace_);
            settings_->on_language = [this](const std::string& code) {
                if (actions_.switch_language) actions_.switch_language(code);
            };
            settings_->on_appearance = [this](const Appearance& a) { change_appearance(a); };
            settings_->on_idle_lock_changed = [this] {
                if (actions_.idle_lock_changed) actions_.idle_lock_changed();
            };
            settings_->on_open_workspace = [this](const std::filesystem::path& dir) {
                // After the click's handler has returned: the window goes with the sign-out.
                CallAfter([this, dir, token = lifeline_.token()] {
                    if (*token && actions_.open_workspace) actions_.open_workspace(dir);
                });
            };
            settings_->on_finished = [this](const wxString& title, const wxString& text) {
                announce(title, text);
            };
            break;
    }
    for (std::size_t i = 0; i < screens_.size(); ++i)
        if (screens_[i] == s) built_[i] = true;
    return page;
}

bool MainFrame::ensure_screen(Screen screen) {
    for (std::size_t i = 0; i < screens_.size(); ++i) {
        if (screens_[i] != screen || built_[i]) continue;
        // Into its placeholder, so the book's pages and selection stay as they are.
        auto* holder = static_cast<wxPanel*>(book_->GetPage(i));
        Freeze();
        wxWindow* page = make_screen(screen, holder);
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(page, 1, wxEXPAND);
        holder->SetSizer(sizer);
        holder->Layout();
        adapt_to_appearance(this);  // high contrast and taller fields, as after a build
        Thaw();
        return true;
    }
    return false;
}

void MainFrame::rebuild() {
    CallAfter([this, token = lifeline_.token()] {
        if (*token) build();
    });
}

bool MainFrame::show_screen(Screen screen, bool reload) {
    for (std::size_t i = 0; i < screens_.size(); ++i) {
        if (screens_[i] != screen) continue;
        note_ui_phase("screen " +
                      std::to_string(static_cast<int>(screen)));  // for a running UiHeartbeat
        const bool made_now = ensure_screen(screen);              // it read its data as it was made
        if (reload && !made_now) {
            switch (screen) {
                case Screen::Kits:
                    kits_->refresh();
                    break;
                case Screen::Institutions:
                    institutions_->reload();
                    break;
                case Screen::Audit:
                    audit_->reload();
                    break;
                case Screen::Users:
                    users_->reload();
                    break;
                case Screen::Devices:
                    devices_->reload();
                    break;
                case Screen::Lists:
                    lists_->reload();
                    break;
                case Screen::Coverage:
                    coverage_->reload();
                    break;
                case Screen::Review:
                    review_->reload();
                    break;
                case Screen::Upstream:
                    upstream_->reload();
                    break;
                case Screen::Dashboard:
                    dashboard_->reload();
                    break;
                case Screen::Settings:
                    settings_->reload();
                    break;
            }
        }
        book_->SetSelection(i);
        // wxGTK made the book's Tab order from the pages that took the focus then; a page made or
        // filled since (a placeholder, a screen still reading its data) would be passed by.
        tab_order_include(book_->GetPage(i));
        navigation_->SetSelection(static_cast<int>(i));
        return true;
    }
    return false;
}

std::optional<MainFrame::Screen> MainFrame::current_screen() const {
    if (!book_) return std::nullopt;
    const int i = book_->GetSelection();
    if (i < 0 || i >= static_cast<int>(screens_.size())) return std::nullopt;
    return screens_[static_cast<std::size_t>(i)];
}

void MainFrame::change_password() {
    if (!permits(workspace_->actor().role, Operation::ChangeOwnPassword)) return;
    ChangePasswordDialog dialog(this, workspace_);
    if (dialog.ShowModal() == wxID_OK)
        show_notice(_("Your password is changed. Use the new one from the next sign-in on."));
}

void MainFrame::open_link(DashboardLink link) {
    switch (link) {
        case DashboardLink::PullHistory:
            if (show_screen(Screen::Devices)) devices_->show_history();
            break;
        case DashboardLink::Quarantine:
            if (show_screen(Screen::Devices)) devices_->show_quarantine();
            break;
        case DashboardLink::OutstandingKits:
            if (show_screen(Screen::Kits, false)) kits_->show_outstanding();
            break;
        case DashboardLink::Coverage:
            show_screen(Screen::Coverage);
            break;
        case DashboardLink::Upstream:
            show_screen(Screen::Upstream);
            break;
        case DashboardLink::Institutions:
            show_screen(Screen::Institutions);
            break;
    }
}

void MainFrame::change_appearance(const Appearance& appearance) {
    save_appearance(workspace_->actor().user, appearance);
    const bool was_contrast = palette::high_contrast();
    apply_appearance(appearance);
    if (was_contrast && !appearance.high_contrast)
        unpaint(this);  // the window and its bars stay; their colours go
    focus_appearance_after_build_ = true;
    rebuild();
}

void MainFrame::announce(const wxString& title, const wxString& text) {
    show_notice(text);
    last_announcement_ = text;
    last_announcement_on_desktop_ = show_desktop_notice(this, title, text);
    // What the dashboard counts has changed: read it again if it is the screen on view.
    if (dashboard_ && current_screen() == Screen::Dashboard) dashboard_->reload();
}

void MainFrame::update_status() {
    const Actor& actor = workspace_->actor();
    SetStatusText(format_text(_("Signed in: {} ({})"),
                              {from_utf8(actor.user), tr_label(role_label(actor.role))}),
                  0);
    SetStatusText(format_text(_("Workspace: {}"), {from_utf8(workspace_->dir().string())}), 1);
}

void MainFrame::show_notice(const wxString& text) {
    SetStatusText(text, 1);
    notice_timer_.StartOnce(15000);  // then the workspace line comes back
}

void MainFrame::place_badge() {
    if (!badge_) return;
    wxRect field;
    if (GetStatusBar()->GetFieldRect(2, field)) badge_->SetSize(field.Deflate(1));
}

void MainFrame::about() {
    wxAboutDialogInfo info;
    info.SetName("Sanaq Station");
    info.SetVersion(SANAQ_VERSION);
    info.SetDescription(
        _("Census workstation of a regional statistics department: tablet kits, hand-over acts, "
          "institutions and the audit trail."));
    wxAboutBox(info, this);
}

}  // namespace sanaq::ui
