#pragma once

#include "base/filewatch.h"
#include "base/result.h"
#include "model/event.h"
#include "security/adminjournal.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <vector>

namespace cityops {

class CityModel;

/// Records in the console's record what administrators changed in the files that decide who may sign in — the user
/// directory (`cityops-admin user add / set-role / disable / enable / reset-password / unlock`) or this machine's
/// count of an LDAP directory's failed sign-ins (`unlock … --directory`) — and whose keys are believed — the console
/// and approver keyrings (`console add / remove`, `approver add / remove`) — as each file's journal tells it
/// (security/adminjournal.h, security/keyringjournal.h): who did what to whom, and when. Also what was changed while no console ran: at start
/// it takes up where the record left off — after the last change of that journal it holds; with none, the whole
/// journal (each line says when it was made), or, when retention has deleted the recording's beginning, what was
/// changed since the oldest event left — so a change is recorded once however often the console restarts. Reads when a file
/// changes and every `pollMs`, on a worker thread (never the GUI's); a journal that cannot be read is said once and
/// read again at the next change, and nothing after its damage is passed over. Lives on the thread that made it.
class AdminWatch : public QObject {
    Q_OBJECT
public:
    /// A file with a journal and its path; the record names it by its file name ("users.db", "consoles.json").
    struct Source {
        enum class Kind { UserDirectory, FailureBook, ConsoleKeyring, ApproverKeyring } kind = Kind::UserDirectory;
        QString path;
    };
    /// Called on this object's thread for each change found, in the journal's order: AccountChanged or KeyringChanged,
    /// who, in parentheses (not a sign-in name), and adminjournal::recordedDetail. A keyring whose keys are not what
    /// its journal's last change left them — changed by hand, or by an older release's cityops-admin — is recorded as
    /// KeyringChanged by "(" keyringjournal::kNobodyRecorded ")", detail keyringjournal::kOutsideChange, what differs, and where the keyring stood:
    /// "outside-change desk-9 added (key 1a2b…) (consoles.json after change 12 in journal 5f0c…, keys 9a8b…)" — once
    /// for each such state, also across restarts; again when it changes again.
    using Record = std::function<void(OperatorAction action, const QString &by, const QString &detail)>;

    /// `storePath`: the recording the changes go into, read at the first check for where it left off.
    AdminWatch(std::vector<Source> sources, QString storePath, std::shared_ptr<const CityModel> city, Record record,
               int pollMs = kPollMs, QObject *parent = nullptr);
    ~AdminWatch() override;

    /// Reads the journals now; `checked` follows.
    void checkNow();
    /// Before the console stops: waits for a read under way (and the batches after it) and records what it found, so
    /// that a console closed right after it started still records what it had begun to read. Blocks the caller.
    void finish();

    static constexpr int kPollMs = 60'000;
    /// Changes read at once; more are read straight after.
    static constexpr int kBatch = 500;

Q_SIGNALS:
    /// A journal cannot be read (or its file not opened): why, the file named. Said once for one reason.
    void unreadable(const QString &why);
    /// A keyring's keys were changed outside cityops-admin: its file and what differs. Said when recorded (once).
    void changedOutside(const QString &what);
    /// The journals are read as far as they went when asked, whatever was found.
    void checked();

private:
    struct Position {
        bool known = false;         ///< taken from the record (or the start) yet
        QString journalId;          ///< the journal the last change read came from
        std::int64_t afterId = 0;   ///< the last change recorded
        std::int64_t sinceMs = 0;   ///< changes made before this are older than what the recording still holds
        QString outsideMark;        ///< a keyring: where it stood when its change by other means was last recorded
    };
    struct Found {
        std::vector<Position> positions;
        struct Line {
            OperatorAction action;
            QString by, detail;
        };
        std::vector<Line> records;
        QStringList outside;   ///< keyrings changed outside cityops-admin, newly recorded
        QString problem;
        bool more = false;
    };
    static Found read(const std::vector<Source> &sources, std::vector<Position> positions, const QString &storePath,
                      const std::shared_ptr<const CityModel> &city);
    void take(const Found &found);

    std::vector<Source> m_sources;
    std::vector<Position> m_positions;
    QString m_storePath;
    std::shared_ptr<const CityModel> m_city;
    Record m_record;
    std::vector<std::unique_ptr<FileWatch>> m_watches;
    QThreadPool m_reader;   ///< one thread: reads never overlap
    bool m_reading = false;
    bool m_readAgain = false;
    QString m_saidProblem;
};

} // namespace cityops
