#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <cstdint>

namespace cityops {

/// A device gateway's memory of the commands it has acted on, kept on disk so that a command captured from the wire
/// is refused after a restart too — also when the gateway's clock has moved back and "issued before this gateway
/// started" alone would let it through (docs/SECURITY.md, "Devices").
///
/// The file holds one line per command, `<nonce hex> <expires_ms>\n`, appended and synced to disk before the device
/// acts. At open, expired lines are dropped and the file rewritten; a line torn by a crash at the very end is ignored;
/// any other damage is refused with a sentence (forgetting silently would reopen the door). Commands live at most
/// 10 minutes, so the file stays small.
class ReplayMemory {
public:
    ReplayMemory() = default;
    ~ReplayMemory();
    ReplayMemory(ReplayMemory &&other) noexcept;
    ReplayMemory &operator=(ReplayMemory &&other) noexcept;
    ReplayMemory(const ReplayMemory &) = delete;
    ReplayMemory &operator=(const ReplayMemory &) = delete;

    /// Opens (or makes, private to its owner) the memory at `path`, forgetting what expired before `nowMs`.
    static Result<ReplayMemory> open(const QString &path, std::int64_t nowMs);

    bool contains(const QByteArray &nonce) const { return m_seen.contains(nonce); }
    /// Remembers a command before the device acts on it; an error means it must not act (the disk refused).
    Status remember(const QByteArray &nonce, std::int64_t expiresMs);
    /// Forgets what expired (in memory; the file is compacted at the next open or when it has grown).
    void forgetExpired(std::int64_t nowMs);
    size_t size() const { return size_t(m_seen.size()); }
    const QString &path() const { return m_path; }

private:
    Status rewrite(std::int64_t nowMs);

    QString m_path;
    int m_fd = -1;
    QHash<QByteArray, std::int64_t> m_seen;   ///< nonce -> expiry
    size_t m_linesInFile = 0;
};

} // namespace cityops
