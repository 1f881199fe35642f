"""Every message box goes through here, so tests answer them by patching one function."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, *, action: str = "Delete") -> bool:
    """Ask before something destructive; the safe answer (Cancel) is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes: str = "Yes",
    no: str = "No",
) -> bool:
    """A yes/no question where `yes` does something and `no` changes nothing: Enter and Esc
    give `no`, so a key pressed by habit never saves, replaces or shows what was not chosen."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def choose(
    parent: QWidget | None, title: str, text: str, answers: tuple[str, ...], default: int = 0
) -> int | None:
    """One of several answers (its index), None when closed with Esc; Enter gives `default`,
    which callers set to the answer that changes nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = [box.addButton(a, QMessageBox.ButtonRole.ActionRole) for a in answers]
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A plain-language error with the technical details folded away."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def pick(
    parent: QWidget | None, title: str, text: str, items: list[str], current: int = 0
) -> int | None:
    """One of `items` (its index) from a list; None when cancelled."""
    chosen, ok = QInputDialog.getItem(parent, title, text, items, current, editable=False)
    return items.index(chosen) if ok and chosen in items else None
