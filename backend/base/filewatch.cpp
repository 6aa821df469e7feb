#include "base/filewatch.h"

#include <QFileInfo>

namespace cityops {

FileWatch::FileWatch(const QString &path, int pollMs, QObject *parent) : QObject(parent), m_path(QFileInfo(path).absoluteFilePath())
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &FileWatch::due);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (!m_settle.isActive())   // a read is on its way anyway
            Q_EMIT due();
    });
    m_poll.start(pollMs);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        watchFile();   // a file replaced by a rename is no longer watched
        m_settle.start();
    });
    // The folder only to see the file come back after it was replaced or removed; other files there do not count.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path)) {
            watchFile();
            m_settle.start();
        }
    });
    if (const QString folder = QFileInfo(m_path).absolutePath(); QFileInfo(folder).isDir())   // one not yet made: the poll
        m_watcher.addPath(folder);
    watchFile();
}

void FileWatch::watchFile()
{
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

} // namespace cityops
