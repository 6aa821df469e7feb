#include "engine/ruleswatch.h"

#include "base/logging.h"
#include "city/citypackage.h"

namespace cityops {

RulesWatch::RulesWatch(const QString &packagePath, const ResponseRules &current, int pollMs, QObject *parent)
    : QObject(parent), m_watch(packagePath, pollMs), m_current(current)
{
    m_reader.setMaxThreadCount(1);
    connect(&m_watch, &FileWatch::due, this, &RulesWatch::checkNow);
}

RulesWatch::~RulesWatch() { m_reader.waitForDone(); }

void RulesWatch::checkNow()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_reader.start([this, path = m_watch.path()] {
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
        m_watch.settleAndCheck();
    }
    if (!read) {
        if (!m_retried && !m_watch.settling()) {
            m_retried = true;
            m_watch.settleAndCheck();
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
