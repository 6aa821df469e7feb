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

/// The journal's changes after `afterId` in the file of `source`; with limit 0 only which journal the file holds.
/// A missing file has none.
Result<adminjournal::Read> readJournal(const AdminWatch::Source &source, std::int64_t afterId, int limit)
{
    using Kind = AdminWatch::Source::Kind;
    if (!QFileInfo::exists(source.path))
        return adminjournal::Read{};
    if (source.kind == Kind::ConsoleKeyring || source.kind == Kind::ApproverKeyring) {
        // Read as every console and gateway reads it: a keyring that others may change is believed in nothing.
        auto keyring = ConsoleKeyring::load(source.path, true,
                                            source.kind == Kind::ConsoleKeyring ? ConsoleKeyring::Kind::Consoles : ConsoleKeyring::Kind::Approvers);
        if (!keyring)
            return makeError(keyring.error());
        return keyringjournal::read(keyring.value().journal(), afterId, limit);
    }
    if (source.kind == Kind::UserDirectory) {
        auto directory = UserDirectory::open(source.path, UserDirectory::Mode::ReadOnly);
        if (!directory)
            return makeError(directory.error());
        return directory.value()->changesAfter(afterId, limit);
    }
    auto book = FailureBook::open(source.path, FailureBook::Mode::ReadOnly);
    if (!book)
        return makeError(book.error());
    return book.value()->changesAfter(afterId, limit);
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
    std::unique_ptr<StoreReader> store;   // opened only to find where the record left off
    QStringList problems;
    // One file that cannot be read stops only its own journal: the others' changes are recorded still.
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const QString file = QFileInfo(sources[i].path).fileName();
        const auto said = [&](const QString &why) { problems << QStringLiteral("%1: %2").arg(sources[i].path, why); };
        auto which = readJournal(sources[i], 0, 0);
        if (!which) {
            said(which.error());
            continue;
        }
        const QString journalId = which.value().journalId;
        if (journalId.isEmpty())
            continue;   // no administrator has changed anything in this file yet
        Position &at = positions[i];
        if (!at.known || at.journalId != journalId) {
            // A journal met for the first time in this run (or the file was replaced): the record says how far it went.
            if (!store) {
                auto opened = StoreReader::open(storePath, city);
                if (!opened) {
                    said(QStringLiteral("where the recording left off cannot be read: %1").arg(opened.error()));
                    continue;
                }
                store = std::move(opened).value();
            }
            auto last = store->lastMarkerLabel(operatorActionName(recordedAs(sources[i].kind)) + QLatin1Char(' '),
                                               QStringLiteral(" of journal %1,").arg(journalId));
            auto range = store->range();
            if (!last || !range) {
                said(QStringLiteral("where the recording left off cannot be read: %1").arg(last ? range.error() : last.error()));
                continue;
            }
            at = Position{true, journalId, 0, 0};
            if (const auto id = last.value() ? adminjournal::recordedId(*last.value(), journalId) : std::nullopt)
                at.afterId = *id;
            else if (!range.value().empty() && range.value().firstSeq > 1)
                // Nothing of it left in a recording whose beginning retention has deleted: what it recorded of the
                // journal may have gone with it, so only what was changed since the oldest event it still holds.
                at.sinceMs = range.value().firstMs;
            // Otherwise the recording meets the journal for the first time: all of it, each line with when it was made.
        }
        auto changes = readJournal(sources[i], at.afterId, kBatch);
        if (!changes) {
            said(changes.error());
            continue;
        }
        if (changes.value().journalId != journalId)
            continue;   // replaced while being read: the next check starts it afresh
        for (const AdminChange &c : changes.value().changes) {
            at.afterId = c.id;
            if (c.timeMs < at.sinceMs)
                continue;
            found.records.push_back({recordedAs(sources[i].kind), QStringLiteral("(%1)").arg(c.by), adminjournal::recordedDetail(c, file, journalId)});
        }
        found.more = found.more || changes.value().more;
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
