#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace cityops {

/// Says when a file a running program took its settings from may have changed, so that it reads the file again:
/// when the file is written (after it has been quiet for `kSettleMs`: a change is several writes), when it is
/// replaced by a rename or comes back after being removed (its folder is watched for that), and every `pollMs`
/// whatever it was told — a file on a network share (NFS, SMB) changes without the local kernel noticing, and a
/// change of mode or owner in a folder above the file is not reported at all. Lives on the thread that made it.
class FileWatch : public QObject {
    Q_OBJECT
public:
    FileWatch(const QString &path, int pollMs, QObject *parent = nullptr);

    const QString &path() const { return m_path; }
    /// Asks for `due` once the file has been quiet for kSettleMs (again), as if it had just changed.
    void settleAndCheck() { m_settle.start(); }
    bool settling() const { return m_settle.isActive(); }

    /// How long the file must be quiet before it is read (a change is several writes).
    static constexpr int kSettleMs = 300;

Q_SIGNALS:
    /// Time to read the file again.
    void due();

private:
    void watchFile();

    QString m_path;   ///< absolute
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QTimer m_poll;
};

} // namespace cityops
