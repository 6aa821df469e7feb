#include "engine/ruleswatch.h"

#include "base/logging.h"
#include "city/citypackage.h"

#include <QFileInfo>

namespace cityops {

RulesWatch::RulesWatch(const QString &packagePath, const ResponseRules &current, int pollMs, QObject *parent)
    : QObject(parent), m_path(QFileInfo(packagePath).absoluteFilePath()), m_current(current)
{
    m_reader.setMaxThreadCount(1);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &RulesWatch::checkNow);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (!m_settle.isActive())   // a read is on its way anyway
            checkNow();
    });
    m_poll.start(pollMs);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        watchFile();   // a file replaced by a rename is no longer watched
        m_settle.start();
    });
    // The folder only to see the package come back after it was replaced or removed; other files there do not count.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path)) {
            watchFile();
            m_settle.start();
        }
    });
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
    watchFile();
}

RulesWatch::~RulesWatch() { m_reader.waitForDone(); }

void RulesWatch::watchFile()
{
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

void RulesWatch::checkNow()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_reader.start([this, path = m_path] {
        Result<ResponseRules> read = citypackage::readRules(path);
        // Queued to this object's thread; the destructor waits for this task, so `this` is alive when it is posted,
        // and Qt drops the posted call if the object is gone by the time it would run.
        QMetaObject::invokeMethod(this, [this, read = std::move(read)] { take(read); }, Qt::QueuedConnection);
    });
}

void RulesWatch::take(const Result<ResponseRules> &read)
{
    m_reading = false;
    if (m_readAgain) {
        m_readAgain = false;
        m_settle.start();
    }
    if (!read) {
        if (!m_retried && !m_settle.isActive()) {
            m_retried = true;
            m_settle.start();
        } else if (read.error() != m_saidProblem) {
            m_saidProblem = read.error();
            qCWarning(lcCity) << "the city's response rules changed but cannot be used; those in force stay:" << read.error();
            Q_EMIT rulesUnusable(read.error());
        }
        Q_EMIT checked();
        return;
    }
    m_retried = false;
    m_saidProblem.clear();
    if (!(read.value() == m_current)) {
        const QString changes = read.value().changesFrom(m_current);
        m_current = read.value();
        qCInfo(lcCity) << "the city's response rules changed:" << changes;
        Q_EMIT rulesChanged(m_current, changes);
    }
    Q_EMIT checked();
}

} // namespace cityops
