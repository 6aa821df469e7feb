#include "link/replaymemory.h"

#include "base/trustfile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace cityops {
namespace {

/// Compact when the file holds this many more lines than there are live commands.
constexpr size_t kCompactSlack = 50'000;

} // namespace

ReplayMemory::~ReplayMemory()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

ReplayMemory::ReplayMemory(ReplayMemory &&other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)), m_seen(std::move(other.m_seen)), m_linesInFile(other.m_linesInFile)
{
}

ReplayMemory &ReplayMemory::operator=(ReplayMemory &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
        m_seen = std::move(other.m_seen);
        m_linesInFile = other.m_linesInFile;
    }
    return *this;
}

Result<ReplayMemory> ReplayMemory::open(const QString &path, std::int64_t nowMs)
{
    ReplayMemory memory;
    memory.m_path = path;
    if (!QFileInfo::exists(path)) {
        if (auto place = trustfile::checkPlace(path, QStringLiteral("the replay memory")); !place)
            return Error{place.error()};
    } else {
        // Whoever could take a line out of it could have a captured command carried out again after a restart.
        auto read = trustfile::read(path, QStringLiteral("the replay memory"), qint64(64) * 1024 * 1024);
        if (!read)
            return Error{read.error()};
        const QByteArray text = read.value();
        const QList<QByteArray> lines = text.split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            if (line.isEmpty())
                continue;
            const bool last = i == lines.size() - 1;   // no newline after it: written when the gateway died
            const QList<QByteArray> fields = line.split(' ');
            bool ok = fields.size() == 2 && fields[0].size() == 32;
            const QByteArray nonce = ok ? QByteArray::fromHex(fields[0]) : QByteArray();
            const std::int64_t expires = ok ? fields[1].toLongLong(&ok) : 0;
            if (!ok || nonce.size() != 16 || nonce.toHex() != fields[0]) {
                if (last)
                    continue;
                return makeError(QStringLiteral("the replay memory %1 is damaged at line %2; move it away to start with an empty one "
                                                "(commands issued before the new start are still refused)")
                                     .arg(path)
                                     .arg(i + 1));
            }
            if (expires >= nowMs)
                memory.m_seen.insert(nonce, expires);
        }
    }
    if (auto written = memory.rewrite(nowMs); !written)
        return Error{written.error()};
    return memory;
}

Status ReplayMemory::rewrite(std::int64_t nowMs)
{
    forgetExpired(nowMs);
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write the replay memory %1: %2").arg(m_path, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it)
        out.write(it.key().toHex() + ' ' + QByteArray::number(it.value()) + '\n');
    if (!out.commit())
        return makeError(QStringLiteral("cannot write the replay memory %1: %2").arg(m_path, out.errorString()));
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (m_fd < 0)
        return makeError(QStringLiteral("cannot append to the replay memory %1").arg(m_path));
    m_linesInFile = size_t(m_seen.size());
    return Ok{};
}

Status ReplayMemory::remember(const QByteArray &nonce, std::int64_t expiresMs)
{
    if (m_fd < 0)
        return makeError(QStringLiteral("the replay memory is not open"));
    const QByteArray line = nonce.toHex() + ' ' + QByteArray::number(expiresMs) + '\n';
    // One write of a short line with O_APPEND, then onto the disk before the device acts: a crash leaves the line
    // whole, torn at the very end (ignored at open), or absent — never a command acted on and forgotten.
    if (::write(m_fd, line.constData(), size_t(line.size())) != line.size() || ::fdatasync(m_fd) != 0)
        return makeError(QStringLiteral("cannot write the replay memory %1").arg(m_path));
    m_seen.insert(nonce, expiresMs);
    if (++m_linesInFile > size_t(m_seen.size()) + kCompactSlack)
        return rewrite(0);   // expired ones were already forgotten by the caller's clock
    return Ok{};
}

void ReplayMemory::forgetExpired(std::int64_t nowMs)
{
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = it.value() < nowMs ? m_seen.erase(it) : std::next(it);
}

} // namespace cityops
