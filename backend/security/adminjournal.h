#pragma once

#include "base/result.h"
#include "base/sqlitedb.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace cityops {

/// One change an administrator made to a file that decides whom to believe (`cityops-admin user …`).
struct AdminChange {
    std::int64_t id = 0;       ///< the journal's number of it: rising, never reused within one journal
    std::int64_t timeMs = 0;   ///< when it was made, by the machine's clock
    QString by;                ///< the account that made it: "root@ops-1" (a person's own new password: "olga@desk-1")
    QString what;              ///< add, set-role, disable, enable, reset-password, unlock, change-password (the person's own)
    QString name;              ///< whose account it changed
    QString detail;            ///< the role and districts given (add, set-role), and "to be changed at first sign-in" for a
                               ///< password set for one use (add, reset-password); empty otherwise
    bool operator==(const AdminChange &) const = default;
};

/// The administrators' changes to a file, kept in the file itself and written in the transaction that makes the
/// change: a change without its line in the journal cannot be committed, nor the line without the change. The
/// consoles record what they find in it (engine/adminwatch.h), so that a replay says who gave whom a role, unlocked
/// or disabled them — also what was changed while no console ran. The journal is made with its first change, in
/// files of this schema version (an older release reads such a file as before and writes no journal); it keeps the
/// last `kKept` changes.
namespace adminjournal {

constexpr int kKept = 10'000;
/// Whose words a journal's lines say: the accounts' (this file's journals) or the keyrings' (security/keyringjournal.h).
enum class Words { Accounts, Keyrings };
/// The words of `AdminChange::what`: add, set-role, disable, enable, reset-password, unlock, change-password — or console-add,
/// console-remove, approver-add, approver-remove.
bool isChange(const QString &what, Words words = Words::Accounts);
/// Whether a line read from a journal can be a change of its words: an error naming it otherwise.
Status check(const AdminChange &change, Words words);
/// 16 hex digits drawn at random: a journal's id.
QString drawJournalId();

/// Adds `change` (its id and time are given here) to the journal of `db`, making the journal on the first. Call it
/// inside the transaction of the change itself (SqliteDb::inTransaction).
Status write(SqliteDb &db, AdminChange change, std::int64_t nowMs);

struct Read {
    QString journalId;   ///< 16 hex digits, drawn when the journal was made; empty: the file has no journal yet
    std::vector<AdminChange> changes;
    bool more = false;   ///< there are more than `limit` to read
};
/// The changes numbered after `afterId`, in order, at most `limit`. A line whose figures or words cannot be an
/// administrator's change is an error naming it, never passed over.
Result<Read> read(SqliteDb &db, std::int64_t afterId, int limit);

/// Who made a change, for `AdminChange::by`, in one word: this process's account and the machine ("root@ops-1"), or
/// the `person` signed in at a console on this machine ("olga@desk-1").
QString account(const QString &person = {});
/// What the detail of a change made at a console (Session ▸ People) starts with.
inline constexpr const char *kAtConsoleDetail = "at a console";
/// The detail of a change `by` someone at a console (kAtConsoleDetail, then `detail`); `detail` as it is when `by` is
/// empty (cityops-admin).
QString madeWhere(const QString &by, const QString &detail);

/// How a console records a change it found (the detail of its `administered` action): what, whose, by whom and
/// when (UTC), and where it stands in which journal — "unlock olga (users.db change 17 of journal 5f0c…, made
/// 2026-12-06T08:14:03Z)".
QString recordedDetail(const AdminChange &change, const QString &file, const QString &journalId);
/// The journal position a recorded detail names, when it names `journalId`'s.
std::optional<std::int64_t> recordedId(const QString &detail, const QString &journalId);

} // namespace adminjournal
} // namespace cityops
