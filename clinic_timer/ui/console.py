"""The facilitator's console: the private window that runs the clinic.

It composes the set-up panel (before the start), the run panel (from the
start on) and the notes area, and owns the keyboard actions every window
shares. The run panel is built the first time it is needed, so it costs
nothing before the console is first on screen. It holds no clinic logic: the panels talk to the controller, and
the console only decides which panel shows, asks before ending, and passes
on what the facilitator chose about appearance and windows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.session import SessionView, State
from clinic_timer.ui import titles
from clinic_timer.ui.controller import as_sentence
from clinic_timer.ui.settings import MAX_TEXT_SCALE, MIN_TEXT_SCALE
from clinic_timer.ui.setup_panel import SetupPanel
from clinic_timer.ui.shortcuts import clinic_actions, install_shortcuts
from clinic_timer.ui.typing_keys import KeysHome

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.run_panel import RunPanel
    from clinic_timer.ui.settings import Settings

SETUP_PAGE, RUN_PAGE = 0, 1
TEXT_SCALE_STEP = 0.1
STATUS_SHOW_MS = 8000
PROBLEM_SHOW_MS = 30000  # a problem stays up long enough to be read in the middle of a call


class Console(QMainWindow):
    """The facilitator's window: set-up, the running clinic, controls and notes.

    Args:
        controller: the one adapter to the session.
        catalogue: the formats to offer.
        settings: read and updated in place (theme, text size, flash, last format).
        themes: the theme names the app can apply; an empty list hides the choice.
        parent: none, usually; it is a top-level window.
    """

    appearance_changed = Signal()  # theme or text size changed in settings: restyle the app
    window_requested = Signal(object)  # a SharedWindow: show (creating if need be) that window
    closing = Signal()  # the console is closing: the app ends with it
    flash_changed = Signal(bool)  # the gentle flash at time up was switched on (True) or off

    def __init__(
        self,
        controller: SessionController,
        catalogue: Catalogue,
        settings: Settings,
        themes: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(titles.CONSOLE))
        self.controller = controller
        self.settings = settings
        self._quit_asked = False  # File › Quit is a close the person asked for, like the close button
        self._shown_once = False
        self.key_actions = clinic_actions(
            controller, end=self.confirm_end, show_help=self.show_keys, next_step=self.confirm_next
        )
        install_shortcuts(self, self.key_actions)

        self.setup_panel = SetupPanel(controller, catalogue)
        self._run_panel: RunPanel | None = None
        self.new_clinic_button = QPushButton("Set up a new clinic")
        self.new_clinic_button.setObjectName("newClinicButton")
        self.new_clinic_button.setVisible(False)
        self.run_page = QWidget()
        self._run_layout = QVBoxLayout(self.run_page)
        self._run_layout.setContentsMargins(0, 0, 0, 0)
        self._run_layout.addWidget(self.new_clinic_button)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.setup_panel)
        self.pages.addWidget(self.run_page)

        # --- notes area: a placeholder slot; the notes editor replaces it (set_notes_widget) ---
        self.notes_area = QWidget()
        self.notes_area.setObjectName("notes_area")
        notes_layout = QVBoxLayout(self.notes_area)
        placeholder = QLabel("Notes\n\n(The notes editor will sit here.)")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        notes_layout.addWidget(placeholder)
        # --- end of the notes area ---

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.notes_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._make_menus(themes)
        # The status bar is there from the start: one appearing with the first message
        # pushed every panel up by a line.
        self.keys_home = KeysHome(self)
        self.resize(1280, 820)
        self.splitter.setSizes([940, 340])

        self.new_clinic_button.clicked.connect(self._on_new_clinic_button_clicked)
        self.setup_panel.format_chosen.connect(self._on_setup_panel_format_chosen)
        controller.view_changed.connect(self._on_controller_view_changed)
        controller.refused.connect(self._on_controller_refused)

    # -- public ------------------------------------------------------------------

    @property
    def run_panel(self) -> RunPanel:
        """The running clinic's panel, built the first time it is asked for.

        It is not on screen at launch, so the console shows without it; the
        app asks for it once the console has painted, before anyone can start.
        """
        if self._run_panel is None:
            from clinic_timer.ui.run_panel import RunPanel  # deferred: not needed for the first paint

            panel = RunPanel(self.controller, {a.name: a for a in self.key_actions})
            panel.set_flash(self.settings.flash)
            self._run_layout.insertWidget(0, panel, 1)
            self._run_panel = panel
        return self._run_panel

    def confirm_end(self) -> None:
        """Ends the clinic if it is running and the facilitator confirms."""
        view = self.controller.view()
        if view is None or view.state not in (State.RUNNING, State.PAUSED):
            self.show_message("There is no running clinic to end.")
            return
        from clinic_timer.ui.help_dialog import EndConfirmation  # only when asked: keeps launch quick

        if EndConfirmation.ask(self.window() if self.isVisible() else None):
            self.controller.end()

    def confirm_next(self) -> None:
        """Moves on; from the last phase that ends the clinic, so it asks first, as E does."""
        view = self.controller.view()
        last = view is not None and view.state in (State.RUNNING, State.PAUSED) and view.next_speaker is None
        if last:
            from clinic_timer.ui.help_dialog import EndConfirmation  # only when asked: keeps launch quick

            if not EndConfirmation.ask(self.window() if self.isVisible() else None):
                return
        self.controller.next()

    def show_keys(self) -> None:
        """The F1 list of keys: the clinic's, the menus' Ctrl keys, and how to leave a text field."""
        from clinic_timer.ui.help_dialog import KeysDialog  # only when asked: keeps launch quick

        commands = [(a.shortcut().toString(), a.text().replace("&", "")) for a in self.shared_actions()]
        KeysDialog.show_keys(self.key_actions, self, commands=commands)

    def quit_app(self) -> None:
        """File › Quit: closes the console (and the app with it), asking first mid-clinic."""
        self._quit_asked = True
        try:
            self.close()
        finally:
            self._quit_asked = False

    def shared_actions(self) -> list[QAction]:
        """The menus' actions that have a key (Ctrl+1, Ctrl+Q...), for every window to share.

        The share view and the mini timer are given these very actions, so a
        Ctrl key works from whichever window is in front; one action added to
        several windows is one shortcut to Qt, never an ambiguous pair.
        """
        found: list[QAction] = []
        menus = [m for a in self.menuBar().actions() if isinstance(m := a.menu(), QMenu)]
        while menus:
            for action in menus.pop(0).actions():
                if isinstance(sub := action.menu(), QMenu):
                    menus.append(sub)
                elif not action.shortcut().isEmpty() and action not in found:
                    found.append(action)
        return found

    def show_message(self, text: str, timeout_ms: int = STATUS_SHOW_MS) -> None:
        """A line in the status bar (refusals, problems with formats or settings), as one sentence.

        Every message passes through :func:`~clinic_timer.ui.controller.as_sentence`
        here, the one place they all reach, so none shows without its full stop
        or with two ("Set up a clinic first..").
        """
        self.statusBar().showMessage(as_sentence(text), timeout_ms)

    def show_problem(self, text: str) -> None:
        """A problem the facilitator should read (why the voice cannot be heard): up longer; "" is ignored.

        A slot of the console's own, so a sender that outlives the console
        (the voice belongs to the controller) is disconnected with it.
        """
        if text:
            self.show_message(text, PROBLEM_SHOW_MS)

    def show_problems(self, problems: Sequence[str], timeout_ms: int = PROBLEM_SHOW_MS) -> None:
        """Problems found at start-up (a broken format or settings file): the first in the status bar, all in Help.

        Each names its file and what is wrong; Help › "Problems at start-up…"
        lists them whole for as long as the app runs, since a status line goes.
        """
        if not problems:
            return
        more = f" (1 of {len(problems)}: see Help › Problems at start-up)" if len(problems) > 1 else ""
        self.show_message(f"{problems[0]}{more}", timeout_ms)
        listed = "\n\n".join(as_sentence(p) for p in problems)
        action = self.help_menu.addAction("Problems at start-up…")
        action.triggered.connect(lambda: self._show_problems_box(listed))

    def _show_problems_box(self, listed: str) -> None:
        from clinic_timer.ui.help_dialog import ProblemsBox  # only when asked: keeps launch quick

        ProblemsBox.show_all(listed, self)

    def add_run_widget(self, widget: QWidget) -> None:
        """Puts a widget under the running clinic (the crew's case recall), in the private console only."""
        self._run_layout.addWidget(widget)

    def add_menu(self, title: str, actions: Sequence[QAction]) -> QMenu:
        """A menu of another part's actions, placed before Help (where menus usually end)."""
        menu = QMenu(title, self)
        menu.addActions(list(actions))
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        return menu

    def set_notes_widget(self, widget: QWidget) -> None:
        """Puts the notes editor where the placeholder is."""
        index = self.splitter.indexOf(self.notes_area)
        self.splitter.replaceWidget(index, widget)
        self.notes_area.deleteLater()
        widget.setObjectName("notes_area")
        self.notes_area = widget

    def restore_geometry(self, encoded: str | None) -> None:
        """Restores a ``saveGeometry`` kept as base64 text; a bad value is ignored."""
        if encoded:
            self.restoreGeometry(QByteArray.fromBase64(encoded.encode("ascii")))

    def geometry_text(self) -> str:
        """``saveGeometry`` as base64 text, for the settings file."""
        return bytes(self.saveGeometry().toBase64().data()).decode("ascii")

    # -- menus -------------------------------------------------------------------

    def _make_menus(self, themes: Sequence[str]) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu("&File")
        quit_action = file_menu.addAction("Quit")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.quit_app)
        view_menu = self.view_menu = self.menuBar().addMenu("&View")
        theme_menu = view_menu.addMenu("Theme")
        theme_menu.setEnabled(bool(themes))
        group = QActionGroup(self)
        for name in themes:
            action = QAction(name.capitalize(), self)
            action.setCheckable(True)
            action.setChecked(name == self.settings.theme)
            action.setData(name)
            group.addAction(action)
            theme_menu.addAction(action)
        group.triggered.connect(self._on_theme_group_triggered)
        larger = view_menu.addAction("Larger text")
        larger.setShortcut("Ctrl++")
        larger.triggered.connect(self._on_larger_action_triggered)
        smaller = view_menu.addAction("Smaller text")
        smaller.setShortcut("Ctrl+-")
        smaller.triggered.connect(self._on_smaller_action_triggered)
        self.flash_action = view_menu.addAction("Flash the clock at time up")
        self.flash_action.setCheckable(True)
        self.flash_action.setChecked(self.settings.flash)
        self.flash_action.toggled.connect(self._on_flash_action_toggled)

        windows = self.windows_menu = self.menuBar().addMenu("&Windows")
        self.share_action = windows.addAction("Window to share on the call")
        self.share_action.setShortcut("Ctrl+1")
        self.share_action.triggered.connect(lambda: self.window_requested.emit(titles.SharedWindow.SHARE))
        self.mini_action = windows.addAction("Mini timer (always on top)")
        self.mini_action.setShortcut("Ctrl+2")
        self.mini_action.triggered.connect(lambda: self.window_requested.emit(titles.SharedWindow.MINI))

        help_menu = self.help_menu = self.menuBar().addMenu("&Help")
        keys = help_menu.addAction("Keyboard shortcuts\tF1")  # F1 itself is a window shortcut
        keys.triggered.connect(self.show_keys)
        sharing = help_menu.addAction("Sharing the share view on a call…")
        sharing.triggered.connect(self.show_sharing)
        help_menu.addSeparator()
        about = help_menu.addAction("About clinic-timer")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)

    def show_sharing(self) -> None:
        """How to share only the share view in Zoom, Meet or Jitsi, and how it looks to the group."""
        from clinic_timer.ui.help_dialog import SharingGuide  # only when asked: keeps launch quick

        SharingGuide.show_guide(self)

    def show_about(self) -> None:
        """The app's name, version and what it keeps where."""
        from clinic_timer.ui.help_dialog import AboutBox  # only when asked: keeps launch quick

        AboutBox.show_about(self)

    # -- slots -------------------------------------------------------------------

    def _on_controller_view_changed(self, view: SessionView) -> None:
        page = SETUP_PAGE if view.state is State.READY else RUN_PAGE
        if self.pages.currentIndex() != page:
            if page == RUN_PAGE:
                _ = self.run_panel  # built now if the app has not asked for it yet
            focus = QApplication.focusWidget()
            in_setup = focus is None or self.setup_panel.isAncestorOf(focus)
            self.pages.setCurrentIndex(page)
            if page == RUN_PAGE and in_setup:
                self.setFocus(Qt.FocusReason.OtherFocusReason)  # the clinic has the keys from the start
        finished = view.state is State.FINISHED
        if self.new_clinic_button.isVisible() != finished:
            self.new_clinic_button.setVisible(finished)

    def _on_controller_refused(self, reason: str) -> None:
        self.show_message(reason)  # already a whole sentence (see controller.as_sentence)

    def _on_new_clinic_button_clicked(self) -> None:
        self.setup_panel.apply()

    def _on_setup_panel_format_chosen(self, name: str) -> None:
        self.settings.last_format = name

    def _on_theme_group_triggered(self, action: QAction) -> None:
        self.settings.theme = str(action.data())
        self.appearance_changed.emit()

    def _on_larger_action_triggered(self) -> None:
        self._scale_text(TEXT_SCALE_STEP)

    def _on_smaller_action_triggered(self) -> None:
        self._scale_text(-TEXT_SCALE_STEP)

    def _on_flash_action_toggled(self, checked: bool) -> None:
        self.settings.flash = checked
        if self._run_panel is not None:  # else it takes the setting when it is built
            self._run_panel.set_flash(checked)
        self.flash_changed.emit(checked)

    def _scale_text(self, step: float) -> None:
        scale = round(min(max(self.settings.text_scale + step, MIN_TEXT_SCALE), MAX_TEXT_SCALE), 2)
        if scale != self.settings.text_scale:
            self.settings.text_scale = scale
            self.appearance_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """On first showing, puts the focus where set-up starts (see :meth:`SetupPanel.focus_first`)."""
        if not self._shown_once:
            self._shown_once = True
            if self.pages.currentIndex() == SETUP_PAGE:
                self.setup_panel.focus_first()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Asks first if a clinic is running, remembers where the console was, then ends the app with it.

        Only a close the person asked for (the window's close button, a
        window-manager shortcut) is questioned; the app quitting (Ctrl+C in
        the terminal, the session ending) closes the console without a dialog.
        """
        view = self.controller.view()
        asked = event.spontaneous() or self._quit_asked
        if asked and view is not None and view.state in (State.RUNNING, State.PAUSED):
            from clinic_timer.ui.help_dialog import CloseConfirmation  # only when asked: keeps launch quick

            if not CloseConfirmation.ask(self):
                event.ignore()
                return
        self.settings.geometries["console"] = self.geometry_text()
        self.closing.emit()
        super().closeEvent(event)
