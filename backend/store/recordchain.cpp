#include "store/recordchain.h"

#include "base/counted.h"
#include "security/commandsigner.h"

#include <QCryptographicHash>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>
#include <vector>
#include <QtEndian>

#include <map>
#include <optional>

namespace cityops::recordchain {
namespace {
void put(QByteArray &out, std::uint64_t v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}
struct Checkpoint {
    std::int64_t timeMs = 0;
    QByteArray chain;
    QString keyId;
    QByteArray signature;
};
} // namespace

QByteArray genesis() { return QByteArray(32, '\0'); }

QByteArray rowBytes(std::uint64_t seq, std::int64_t timeMs, int kind, std::int64_t device, const QByteArray &payload)
{
    QByteArray out;
    out.reserve(40 + payload.size());
    put(out, seq);
    put(out, static_cast<std::uint64_t>(timeMs));
    put(out, static_cast<std::uint64_t>(kind));
    put(out, static_cast<std::uint64_t>(device));
    put(out, static_cast<std::uint64_t>(payload.size()));
    out.append(payload);
    return out;
}

QByteArray link(const QByteArray &previous, std::uint64_t seq, std::int64_t timeMs, int kind, std::int64_t device,
                const QByteArray &payload)
{
    // On the store writer's hot path. OpenSSL 3's one-shot SHA256() looks the algorithm up again on every call (a
    // locked fetch and a context allocated and freed: 0.8 us a row here, three times the hash); the algorithm is fetched
    // once and each thread keeps one context. Same bytes as rowBytes(), fed in three pieces instead of copied together.
    struct Digest {
        EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ~Digest()
        {
            EVP_MD_CTX_free(ctx);
            EVP_MD_free(md);
        }
    };
    thread_local Digest digest;
    unsigned char previousBytes[32] = {};
    std::memcpy(previousBytes, previous.constData(), std::min<size_t>(32, size_t(previous.size())));
    unsigned char header[40];
    unsigned char *p = header;
    for (std::uint64_t v : {seq, static_cast<std::uint64_t>(timeMs), static_cast<std::uint64_t>(kind), static_cast<std::uint64_t>(device),
                            static_cast<std::uint64_t>(payload.size())}) {
        qToLittleEndian(v, p);
        p += 8;
    }
    QByteArray out(32, Qt::Uninitialized);
    unsigned int length = 0;
    if (!digest.md || !digest.ctx || EVP_DigestInit_ex(digest.ctx, digest.md, nullptr) != 1
        || EVP_DigestUpdate(digest.ctx, previousBytes, sizeof previousBytes) != 1 || EVP_DigestUpdate(digest.ctx, header, sizeof header) != 1
        || EVP_DigestUpdate(digest.ctx, payload.constData(), size_t(payload.size())) != 1
        || EVP_DigestFinal_ex(digest.ctx, reinterpret_cast<unsigned char *>(out.data()), &length) != 1 || length != 32) {
        // Not expected from a working OpenSSL; the slower one-shot gives the same value.
        const QByteArray bytes = QByteArray(reinterpret_cast<const char *>(previousBytes), 32) + rowBytes(seq, timeMs, kind, device, payload);
        SHA256(reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()), reinterpret_cast<unsigned char *>(out.data()));
    }
    return out;
}

QByteArray checkpointMessage(std::uint64_t seq, std::int64_t timeMs, const QByteArray &chain)
{
    QByteArray out = QByteArrayLiteral("cityops-checkpoint-v1\n");
    put(out, seq);
    put(out, static_cast<std::uint64_t>(timeMs));
    out.append(chain);
    return out;
}

QByteArray snapshotSealMessage(std::uint64_t seq, std::int64_t timeMs, const QByteArray &state, const QByteArray &approaches)
{
    QByteArray out = QByteArrayLiteral("cityops-snapshot-seal-v1\n");
    put(out, seq);
    put(out, static_cast<std::uint64_t>(timeMs));
    out.append(QCryptographicHash::hash(state, QCryptographicHash::Sha256));
    out.append(QCryptographicHash::hash(approaches, QCryptographicHash::Sha256));
    return out;
}

Result<Verdict> verify(SqliteDb &db, const CommandVerifier *key)
{
    Verdict v;
    auto bad = [&v](std::uint64_t seq, const QString &sentence) {
        v.intact = false;
        v.firstBadSeq = seq;
        v.sentence = sentence;
        return v;
    };
    // Checkpoints first: they are what the chain is held against.
    std::map<std::uint64_t, Checkpoint> checkpoints;
    {
        auto stmt = db.prepare(QStringLiteral("SELECT seq, time_ms, chain, key_id, signature FROM checkpoints ORDER BY seq"));
        if (!stmt)
            return makeError(QStringLiteral("this store keeps no checkpoints (%1): it predates the tamper-evident record").arg(stmt.error()));
        QString error;
        while (stmt->step(&error))
            checkpoints[static_cast<std::uint64_t>(stmt->columnInt(0))] = {stmt->columnInt(1), stmt->columnBlob(2), stmt->columnText(3),
                                                                            stmt->columnBlob(4)};
        if (!error.isEmpty())
            return makeError(error);
    }
    for (const auto &[seq, c] : checkpoints) {
        if (!key)
            continue;
        if (c.keyId != key->keyId())
            return bad(seq, QStringLiteral("the checkpoint at seq %1 was signed with key %2, not the given key %3").arg(seq).arg(c.keyId, key->keyId()));
        if (!key->verify(checkpointMessage(seq, c.timeMs, c.chain), c.signature))
            return bad(seq, QStringLiteral("the checkpoint at seq %1 does not verify: it was forged or altered").arg(seq));
    }

    // Where the chain starts: genesis, or the anchor retention left when it deleted the oldest rows.
    QByteArray chain = genesis();
    std::uint64_t expected = 1;
    {
        auto anchor = db.prepare(QStringLiteral("SELECT (SELECT value FROM store_meta WHERE key = 'chain_anchor'), "
                                                "(SELECT value FROM store_meta WHERE key = 'chain_anchor_seq')"));
        if (anchor && anchor->step() && !anchor->columnIsNull(0)) {
            chain = QByteArray::fromHex(anchor->columnText(0).toLatin1());
            expected = anchor->columnText(1).toULongLong() + 1;
        }
    }
    auto rows = db.prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload, chain FROM events ORDER BY seq"));
    if (!rows)
        return makeError(rows.error());
    QString error;
    std::uint64_t last = expected - 1;
    // Events the console itself could not record (its writer fell behind, or its disk stayed full, past what it holds
    // in memory): their numbers are missing, and the next row's chain follows on from the row before them, as the
    // console chains what it writes. Rows deleted afterwards leave a next row chained on from rows no longer there.
    // A chain recomputed over a deletion looks the same, so such a gap stands only where a signed checkpoint after it
    // vouches for the rows that follow.
    std::optional<std::pair<std::uint64_t, std::uint64_t>> unvouched;   // the first gap no checkpoint has vouched for yet
    while (rows->step(&error)) {
        const auto seq = static_cast<std::uint64_t>(rows->columnInt(0));
        if (seq < expected)
            return bad(expected, QStringLiteral("row %1 is out of order").arg(seq));
        const QByteArray linked = link(chain, seq, rows->columnInt(1), int(rows->columnInt(2)), rows->columnInt(3), rows->columnBlob(4));
        if (seq > expected) {
            if (linked != rows->columnBlob(5))
                return bad(expected, QStringLiteral("row %1 is missing (the next row is %2): deleted").arg(expected).arg(seq));
            v.unrecorded.emplace_back(expected, seq - 1);
            if (!unvouched)
                unvouched.emplace(expected, seq);
        }
        chain = linked;
        if (chain != rows->columnBlob(5))
            return bad(seq, QStringLiteral("row %1 is not as it was recorded: edited, inserted or moved").arg(seq));
        if (const auto c = checkpoints.find(seq); c != checkpoints.end()) {
            if (c->second.chain != chain)
                return bad(seq, QStringLiteral("the rows up to seq %1 were rewritten: the chain no longer matches the signed checkpoint there").arg(seq));
            ++v.checkpoints;
            unvouched.reset();
        }
        ++v.events;
        last = seq;
        expected = seq + 1;
    }
    if (!error.isEmpty())
        return makeError(error);
    if (unvouched)
        return bad(unvouched->first, QStringLiteral("row %1 is missing (the next row is %2) and no signed checkpoint after it vouches for the rows that "
                                                    "follow: deleted, or not recorded by the console")
                                         .arg(unvouched->first).arg(unvouched->second));
    if (!checkpoints.empty() && checkpoints.rbegin()->first > last)
        return bad(last + 1, QStringLiteral("the record ends at seq %1, but a checkpoint vouches for rows up to %2: the tail was cut off")
                                 .arg(last).arg(checkpoints.rbegin()->first));
    if (checkpoints.empty())
        v.sentence = QStringLiteral("%1 chained, no signed checkpoint: a chain recomputed after an edit would not be noticed").arg(counted(v.events, "row"));
    else
        v.sentence = QStringLiteral("intact: %1 chained, %2%3")
                         .arg(counted(v.events, "row"), counted(v.checkpoints, "signed checkpoint"))
                         .arg(last > checkpoints.rbegin()->first
                                  ? QStringLiteral(", %1 after the last checkpoint held by the chain only").arg(counted(last - checkpoints.rbegin()->first, "row"))
                                  : QString());
    if (!v.unrecorded.empty())
        v.sentence += QStringLiteral("; %1, as the chain across each gap and a signed checkpoint after it show").arg(unrecordedSaid(v.unrecorded));
    return v;
}

QString unrecordedSaid(const std::vector<std::pair<std::uint64_t, std::uint64_t>> &unrecorded)
{
    if (unrecorded.empty())
        return {};
    std::uint64_t missing = 0;
    for (const auto &[from, to] : unrecorded)
        missing += to - from + 1;
    return QStringLiteral("%1 the console could not record (the first: %2–%3)")
        .arg(counted(missing, "event"))
        .arg(unrecorded.front().first)
        .arg(unrecorded.front().second);
}

} // namespace cityops::recordchain
