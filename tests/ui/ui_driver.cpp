#include "ui/ui_driver.h"

#include <clocale>
#include <cstdlib>
#include <sstream>
#include <thread>

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/listbox.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "support/temp_dir.h"
#include "ui/app/appearance.h"
#include "ui/common/background_task.h"

namespace sanaq::test {
namespace {
// The workstation's preferences (language, appearance) of this run, never the tester's own.
TempDir& preferences_dir() {
    static TempDir dir{"sanaq-ui-config"};
    return dir;
}

class TestApp : public wxApp {
public:
    // No command line parsing: the arguments are Boost.Test's.
    bool OnInit() override { return true; }
};

int g_argc = 1;
char g_arg0[] = "test_ui";
char* g_argv[] = {g_arg0, nullptr};
}  // namespace

WxApplication::WxApplication() {
    ::setenv("SANAQ_KDF_PROFILE", "test", 1);  // workspaces open in microseconds, not half a second
    ::setenv("SANAQ_CONFIG_DIR", preferences_dir().path().c_str(), 1);
    std::setlocale(LC_CTYPE, "C.UTF-8");        // as StationApp does
    wxApp::SetInstance(new TestApp());
    if (!wxEntryStart(g_argc, g_argv)) throw std::runtime_error("wxWidgets could not start (no display?)");
    wxTheApp->CallOnInit();
    wxInitAllImageHandlers();
    // A failed wx assertion would open a modal message box and hang the run: make it a test
    // failure instead (BOOST_ERROR does not throw, so it is safe inside event handlers).
    wxSetAssertHandler([](const wxString& file, int line, const wxString& func, const wxString& cond, const wxString& msg) {
        BOOST_ERROR("wx assertion failed at " << file.utf8_string() << ":" << line << " in " << func.utf8_string()
                                              << ": " << cond.utf8_string() << " " << msg.utf8_string());
    });
}

WxApplication::~WxApplication() {
    for (wxWindow* w : wxTopLevelWindows) w->Destroy();
    pump_for(200ms);
    ui::wait_for_background_work(10s);
    pump_for(100ms);
    ui::end_appearance();
    wxTheApp->OnExit();
    wxEntryCleanup();
}

bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        wxTheApp->Yield(true);
        wxMilliSleep(5);
    }
    return true;
}

void pump_for(std::chrono::milliseconds duration) {
    const auto end = std::chrono::steady_clock::now() + duration;
    pump_until([end] { return std::chrono::steady_clock::now() > end; }, duration + 1s);
}

bool press(wxButton* button) {
    if (!button || !button->IsEnabled() || !button->IsShown()) return false;
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(event);
    return true;
}

bool press(wxWindow* parent, int id) { return press(dynamic_cast<wxButton*>(parent->FindWindow(id))); }

void choose(wxChoice* choice, int index) {
    choice->SetSelection(index);
    wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
    event.SetEventObject(choice);
    event.SetInt(index);
    choice->GetEventHandler()->ProcessEvent(event);
}

void choose(wxListBox* list, int index) {
    list->SetSelection(index);
    wxCommandEvent event(wxEVT_LISTBOX, list->GetId());
    event.SetEventObject(list);
    event.SetInt(index);
    list->GetEventHandler()->ProcessEvent(event);
}

void tick(wxCheckListBox* list, int index, bool checked) {
    list->Check(static_cast<unsigned>(index), checked);
    wxCommandEvent event(wxEVT_CHECKLISTBOX, list->GetId());
    event.SetEventObject(list);
    event.SetInt(index);
    list->GetEventHandler()->ProcessEvent(event);
}

void tick(wxCheckBox* box, bool checked) {
    box->SetValue(checked);
    wxCommandEvent event(wxEVT_CHECKBOX, box->GetId());
    event.SetEventObject(box);
    event.SetInt(checked ? 1 : 0);
    box->GetEventHandler()->ProcessEvent(event);
}

void type(wxTextCtrl* field, const wxString& text) { field->SetValue(text); }  // SetValue sends wxEVT_TEXT

void key_press(wxWindow* target, int key_code) {
    wxKeyEvent event(wxEVT_KEY_DOWN);
    event.m_keyCode = key_code;
    event.SetEventObject(target);
    target->GetEventHandler()->ProcessEvent(event);
}

void hook_key(wxWindow* target, int key_code, int unicode) {
    wxKeyEvent event(wxEVT_CHAR_HOOK);
    event.m_keyCode = key_code;
    event.m_uniChar = static_cast<wxChar>(unicode ? unicode : key_code);
    event.SetEventObject(target);
    target->GetEventHandler()->ProcessEvent(event);  // a char-hook event propagates to the parents
}

std::filesystem::path screenshot_root() {
    if (const char* v = std::getenv("SANAQ_SCREENSHOT_DIR"); v && *v) return v;
    return SANAQ_UI_DEFAULT_SCREENSHOT_DIR;
}

std::filesystem::path screenshot(wxTopLevelWindow* window, const std::string& lang, const std::string& name,
                                 std::chrono::milliseconds settle) {
    if (!window) return {};
    window->Raise();
    window->Refresh();
    window->Update();
    pump_for(settle);  // let GTK map, lay out and paint
    const wxRect r = window->GetScreenRect();
    const auto dir = screenshot_root() / lang;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto path = dir / (name + ".png");
    std::ostringstream command;
    command << "import -window root -crop " << r.width << "x" << r.height << "+" << r.x << "+" << r.y << " +repage '"
            << path.string() << "' 2>/dev/null";
    if (std::system(command.str().c_str()) != 0) {
        BOOST_TEST_MESSAGE("screenshot failed: " << command.str());
        return {};
    }
    BOOST_TEST_MESSAGE("screenshot " << path.string());
    return path;
}

ModalScript::ModalScript(std::chrono::milliseconds patience)
    : patience_(patience), waiting_since_(std::chrono::steady_clock::now()), timer_(this) {
    Bind(wxEVT_TIMER, &ModalScript::on_tick, this);
    timer_.Start(50);
}

ModalScript::~ModalScript() { timer_.Stop(); }

void ModalScript::on_tick(wxTimerEvent&) {
    if (running_ || steps_.empty()) return;
    wxDialog* dialog = steps_.front().find();
    if (!dialog) {
        if (std::chrono::steady_clock::now() - waiting_since_ > patience_)
            give_up("no dialog came for step '" + steps_.front().name + "'");
        return;
    }
    Step step = std::move(steps_.front());
    steps_.pop_front();
    running_ = true;
    // Never let an exception unwind through GTK's C frames: record it instead.
    try {
        step.run(dialog);
    } catch (const std::exception& e) {
        failures_.push_back("step '" + step.name + "' threw: " + e.what());
    } catch (...) {
        failures_.push_back("step '" + step.name + "' failed");
    }
    running_ = false;
    waiting_since_ = std::chrono::steady_clock::now();
    if (dialog->IsModal()) {
        failures_.push_back("step '" + step.name + "' left its dialog open");
        dialog->EndModal(wxID_CANCEL);
    }
}

void ModalScript::give_up(const std::string& why) {
    failures_.push_back(why);
    steps_.clear();
    for (wxWindow* w : wxTopLevelWindows)
        if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) d->EndModal(wxID_CANCEL);
}

std::string ModalScript::report() const {
    std::string out;
    for (const auto& f : failures_) out += f + "; ";
    if (!steps_.empty()) out += std::to_string(steps_.size()) + " step(s) never ran";
    return out;
}

}  // namespace sanaq::test
