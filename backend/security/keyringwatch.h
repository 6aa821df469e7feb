#pragma once

#include "base/filewatch.h"
#include "security/consolekeyring.h"

#include <QObject>

#include <memory>

namespace cityops {

/// A keyring as a running program believes it: the keys last read from its file, or why the file cannot be
/// believed now (then nobody in it is).
struct KeyringState {
    std::shared_ptr<const ConsoleKeyring> keys;   ///< null while `unusable` is set
    QString unusable;
};

/// Reads a keyring file again whenever it changes while the program runs (and every `pollMs`), with the same checks
/// as at start (ConsoleKeyring::load: the file's owner, mode and folders, its contents), so that `cityops-admin
/// console remove` or `approver remove` takes a key away from a running gateway at once. A file that can no longer be
/// believed — damaged, removed, or writable by others — leaves nobody in it believed until it can be again: keeping
/// the old keys would keep a key an admin has just taken away (docs/SECURITY.md). Each change, and each new reason
/// the file is refused, is logged once (cityops.security). The file is small (ConsoleKeyring caps it at 4 MiB) and
/// read on the thread that made the watch, which must not be a GUI thread. Lives on that thread.
class KeyringWatch : public QObject {
    Q_OBJECT
public:
    /// `current`: the keyring as read from `path` at start. `missingIsEmpty`: no file lists nobody (a console's default
    /// keyring before an admin writes one) rather than being a file that cannot be believed.
    KeyringWatch(const QString &path, ConsoleKeyring::Kind kind, std::shared_ptr<const ConsoleKeyring> current, bool missingIsEmpty = false,
                 int pollMs = kPollMs, QObject *parent = nullptr);

    const KeyringState &current() const { return m_current; }
    /// Reads the file now; `changed` follows if what is believed changed.
    void checkNow();

    /// How often the file is read without being told it changed.
    static constexpr int kPollMs = 30'000;

Q_SIGNALS:
    /// What is believed now: other keys, or the file refused (`unusable`), or usable again.
    void changed(const cityops::KeyringState &state);

private:
    FileWatch m_watch;
    ConsoleKeyring::Kind m_kind;
    bool m_missingIsEmpty;
    KeyringState m_current;
};

} // namespace cityops
