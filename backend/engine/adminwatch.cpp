#include "engine/adminwatch.h"

#include "base/logging.h"
#include "security/consolekeyring.h"
#include "security/failurebook.h"
#include "security/keyringjournal.h"
#include "security/userdirectory.h"
#include "store/storereader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

namespace cityops {
namespace {

/// What a file's journal holds after a place, and — for a keyring — how its keys differ from what the journal's last
/// change left them: changed by something other than cityops-admin.
struct Reading {
    adminjournal::Read journal;
    QString outside;   ///< keyringjournal::differences; empty: none, or the journal does not say what it left
    QString mark;      ///< where the keyring stands then: "(consoles.json after change 12 in journal 5f0c…, keys 9a8b…)"
};

/// The journal's changes after `afterId` in the file of `source`; with limit 0 only which journal the file holds.
/// A missing file has none.
Result<Reading> readJournal(const AdminWatch::Source &source, std::int64_t afterId, int limit)
{
    using Kind = AdminWatch::Source::Kind;
    if (!QFileInfo::exists(source.path))
        return Reading{};
    const auto reading = [](Result<adminjournal::Read> read) -> Result<Reading> {
        if (!read)
            return Error{read.error()};
        return Reading{std::move(read).value(), {}, {}};
    };
    if (source.kind == Kind::ConsoleKeyring || source.kind == Kind::ApproverKeyring) {
        // Read as every console and gateway reads it: a keyring that others may change is believed in nothing.
        auto keyring = ConsoleKeyring::load(source.path, true,
                                            source.kind == Kind::ConsoleKeyring ? ConsoleKeyring::Kind::Consoles : ConsoleKeyring::Kind::Approvers);
        if (!keyring)
            return makeError(keyring.error());
        auto read = reading(keyringjournal::read(keyring.value().journal(), afterId, limit));
        const auto left = keyringjournal::left(keyring.value().journal());
        if (!read || !left)
            return read ? Error{left.error()} : read;
        const keyringjournal::Keys now = keyringjournal::keysOf(keyring.value());
        if (left.value() && left.value()->keys != now) {
            read.value().outside = keyringjournal::differences(left.value()->keys, now);
            read.value().mark = QStringLiteral("(%1 after change %2 in journal %3, keys %4)")
                                    .arg(QFileInfo(source.path).fileName(), QString::number(left.value()->change), read.value().journal.journalId,
                                         keyringjournal::digest(now));
        }
        return read;
    }
    if (source.kind == Kind::UserDirectory) {
        auto directory = UserDirectory::open(source.path, UserDirectory::Mode::ReadOnly);
        if (!directory)
            return makeError(directory.error());
        return reading(directory.value()->changesAfter(afterId, limit));
    }
    auto book = FailureBook::open(source.path, FailureBook::Mode::ReadOnly);
    if (!book)
        return makeError(book.error());
    return reading(book.value()->changesAfter(afterId, limit));
}

/// What the record calls a change of this file: an account's, or whose keys are believed.
OperatorAction recordedAs(AdminWatch::Source::Kind kind)
{
    using Kind = AdminWatch::Source::Kind;
    return kind == Kind::ConsoleKeyring || kind == Kind::ApproverKeyring ? OperatorAction::KeyringChanged : OperatorAction::AccountChanged;
}

} // namespace

AdminWatch::AdminWatch(std::vector<Source> sources, QString storePath, std::shared_ptr<const CityModel> city, Record record, int pollMs,
                       QObject *parent)
    : QObject(parent), m_sources(std::move(sources)), m_positions(m_sources.size()), m_storePath(std::move(storePath)),
      m_city(std::move(city)), m_record(std::move(record))
{
    m_reader.setMaxThreadCount(1);
    for (const Source &source : m_sources) {
        m_watches.push_back(std::make_unique<FileWatch>(source.path, pollMs));
        connect(m_watches.back().get(), &FileWatch::due, this, &AdminWatch::checkNow);
    }
}

AdminWatch::~AdminWatch() { m_reader.waitForDone(); }

void AdminWatch::finish()
{
    while (m_reading) {
        m_reader.waitForDone();
        // The read's outcome is posted to this object: taken here, as the event loop would have (and a next batch
        // started by it is waited for in turn).
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
}

void AdminWatch::checkNow()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_reader.start([this, sources = m_sources, positions = m_positions, storePath = m_storePath, city = m_city] {
        Found found = read(sources, positions, storePath, city);
        // Queued to this object's thread; the destructor waits for this task, so `this` is alive when it is posted.
        QMetaObject::invokeMethod(this, [this, found = std::move(found)] { take(found); }, Qt::QueuedConnection);
    });
}

AdminWatch::Found AdminWatch::read(const std::vector<Source> &sources, std::vector<Position> positions, const QString &storePath,
                                   const std::shared_ptr<const CityModel> &city)
{
    Found found;
    QStringList problems;
    const auto said = [&](std::size_t i, const QString &why) { problems << QStringLiteral("%1: %2").arg(sources[i].path, why); };
    // Each journal read once from where this run left off: a check with nothing new opens each file once. One file that
    // cannot be read stops only its own journal: the others' changes are recorded still.
    std::vector<std::optional<Reading>> reads(sources.size());
    std::vector<std::size_t> unplaced;   // journals met for the first time in this run, or replaced since
    QStringList unplacedIds;
    QStringList unplacedMarks;           // where each stands if changed outside cityops-admin (empty: it was not)
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const Position &at = positions[i];
        auto read = readJournal(sources[i], at.known ? at.afterId : 0, at.known ? kBatch : 0);
        if (!read) {
            said(i, read.error());
            continue;
        }
        if (read.value().journal.journalId.isEmpty())
            continue;   // no administrator has changed anything in this file yet
        if (at.known && at.journalId == read.value().journal.journalId) {
            reads[i] = std::move(read).value();
            continue;
        }
        unplaced.push_back(i);
        unplacedIds << read.value().journal.journalId;
        unplacedMarks << read.value().mark;
    }
    if (!unplaced.empty()) {
        // The record says how far each went, and whether a keyring's change by other means is in it already: one
        // search of its markers for all of them.
        QStringList parts;   // each journal's position, then each mark; a mark never holds " of journal X,"
        for (const QString &id : unplacedIds)
            parts << QStringLiteral(" of journal %1,").arg(id);
        std::vector<qsizetype> markPart(unplaced.size(), -1);
        for (qsizetype k = 0; k < unplacedMarks.size(); ++k)
            if (!unplacedMarks[k].isEmpty()) {
                markPart[std::size_t(k)] = parts.size();
                parts << unplacedMarks[k];
            }
        const QStringList starts{operatorActionName(OperatorAction::AccountChanged) + QLatin1Char(' '),
                                 operatorActionName(OperatorAction::KeyringChanged) + QLatin1Char(' ')};
        std::vector<std::optional<QString>> last;
        std::optional<StoreReader::Range> range;
        if (auto store = StoreReader::open(storePath, city); !store) {
            problems << QStringLiteral("where the recording left off cannot be read: %1").arg(store.error());
        } else if (auto labels = store.value()->lastMarkerLabels(starts, parts); !labels) {
            problems << QStringLiteral("where the recording left off cannot be read: %1").arg(labels.error());
        } else if (auto held = store.value()->range(); !held) {
            problems << QStringLiteral("where the recording left off cannot be read: %1").arg(held.error());
        } else {
            last = std::move(labels).value();
            range = held.value();
        }
        for (std::size_t k = 0; range && k < unplaced.size(); ++k) {
            const std::size_t i = unplaced[k];
            const QString &journalId = unplacedIds[qsizetype(k)];
            Position &at = positions[i];
            at = Position{true, journalId, 0, 0, {}};
            if (markPart[k] >= 0 && last[std::size_t(markPart[k])])
                at.outsideMark = unplacedMarks[qsizetype(k)];   // recorded by an earlier run
            if (const auto id = last[k] ? adminjournal::recordedId(*last[k], journalId) : std::nullopt)
                at.afterId = *id;
            else if (!range->empty() && range->firstSeq > 1)
                // Nothing of it left in a recording whose beginning retention has deleted: what it recorded of the
                // journal may have gone with it, so only what was changed since the oldest event it still holds.
                at.sinceMs = range->firstMs;
            // Otherwise the recording meets the journal for the first time: all of it, each line with when it was made.
            auto read = readJournal(sources[i], at.afterId, kBatch);
            if (!read)
                said(i, read.error());
            else if (read.value().journal.journalId == journalId)   // else replaced while being read: the next check starts it afresh
                reads[i] = std::move(read).value();
        }
    }
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (!reads[i])
            continue;
        Position &at = positions[i];
        const QString file = QFileInfo(sources[i].path).fileName();
        for (const AdminChange &c : reads[i]->journal.changes) {
            at.afterId = c.id;
            if (c.timeMs < at.sinceMs)
                continue;
            found.records.push_back({recordedAs(sources[i].kind), QStringLiteral("(%1)").arg(c.by), adminjournal::recordedDetail(c, file, at.journalId)});
        }
        found.more = found.more || reads[i]->journal.more;
        // A keyring whose keys are not what cityops-admin's last change left: changed another way (by hand, by an older
        // release's tool) — recorded once, after the journal's lines, by nobody the record can name.
        if (reads[i]->journal.more)
            continue;
        if (reads[i]->outside.isEmpty()) {
            at.outsideMark.clear();
        } else if (at.outsideMark != reads[i]->mark) {
            at.outsideMark = reads[i]->mark;
            found.records.push_back({OperatorAction::KeyringChanged, QStringLiteral("(%1)").arg(QLatin1String(keyringjournal::kNobodyRecorded)),
                                     QStringLiteral("%1 %2 %3").arg(QLatin1String(keyringjournal::kOutsideChange), reads[i]->outside, reads[i]->mark)});
            found.outside << QStringLiteral("%1: %2").arg(sources[i].path, reads[i]->outside);
        }
    }
    found.problem = problems.join(QStringLiteral("; "));
    found.positions = std::move(positions);
    return found;
}

void AdminWatch::take(const Found &found)
{
    m_reading = false;
    m_positions = found.positions;
    for (const auto &[action, by, detail] : found.records) {
        qCInfo(lcSecurity) << "an administrator's change:" << operatorActionName(action) << by << detail;
        m_record(action, by, detail);
    }
    for (const QString &changed : found.outside) {
        qCWarning(lcSecurity) << "a keyring was changed outside cityops-admin:" << changed;
        Q_EMIT changedOutside(changed);
    }
    if (found.problem.isEmpty()) {
        m_saidProblem.clear();
    } else if (found.problem != m_saidProblem) {
        m_saidProblem = found.problem;
        qCWarning(lcSecurity) << "administrators' changes cannot be recorded for now:" << found.problem;
        Q_EMIT unreadable(found.problem);
    }
    // More to read straight away only while a journal read well has more (each such read goes further): one that
    // cannot be read waits for its next change (or the poll) rather than being read again and again.
    if (m_readAgain || found.more) {
        m_readAgain = false;
        checkNow();
        return;
    }
    Q_EMIT checked();
}

} // namespace cityops
