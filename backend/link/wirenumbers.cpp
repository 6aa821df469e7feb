#include "link/wirenumbers.h"

#include "base/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace cityops {

namespace {

constexpr qint64 kMaxFileBytes = 64;   ///< one number and a newline; anything longer is not ours

} // namespace

WireNumbers::WireNumbers(QString path) : m_path(std::move(path))
{
    QFile file(m_path);
    if (m_path.isEmpty() || !file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
    } else {
        const QByteArray text = file.read(kMaxFileBytes + 1).trimmed();
        bool isNumber = !text.isEmpty() && text.size() <= 19 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        const std::uint64_t ceiling = isNumber ? text.toULongLong(&isNumber) : 0;
        if (isNumber && ceiling <= kLargest)
            m_last = m_ceiling = ceiling;
        else
            m_problem = QStringLiteral("%1 is damaged (not a number this console wrote)").arg(m_path);
    }
    if (!m_problem.isEmpty())
        qCWarning(lcLink).noquote() << m_problem << "- this console numbers what it sends from its clock alone, and the file is written anew";
}

std::uint64_t WireNumbers::next(std::uint64_t wallUs)
{
    std::lock_guard lock(m_mutex);
    const std::uint64_t n = std::max(wallUs, m_last + 1);
    // Kept before it leaves: a crash right after sending must not let the next run hand it out again.
    if (!m_path.isEmpty() && n > m_ceiling)
        keep(n + kReserve);
    m_last = n;
    return n;
}

QString WireNumbers::problem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

bool WireNumbers::keep(std::uint64_t ceiling)
{
    QString problem;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);   // written whole and synced, then renamed over the old: never half a number
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(ceiling) + '\n') < 0 || !file.commit())
        problem = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
    m_ceiling = ceiling;   // on failure too: tried again a minute of the clock later, not on every message
    if (problem.isEmpty()) {
        m_problem.clear();
        return true;
    }
    if (problem != m_problem)   // said once, not every minute
        qCWarning(lcLink).noquote() << problem << "- a restart after the clock is set back may see this console's messages refused as replays";
    m_problem = problem;
    return false;
}

} // namespace cityops
