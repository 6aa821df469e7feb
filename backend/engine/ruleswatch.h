#pragma once

#include "base/filewatch.h"
#include "base/result.h"
#include "model/responserules.h"

#include <QObject>
#include <QThreadPool>

namespace cityops {

/// Reads a city package's response rules again whenever the package changes while the console runs, so that
/// `cityops-admin rules set` reaches a running console without a restart (docs/OPERATIONS.md). Watches the file
/// and its folder (an import with --force replaces the file), waits for the writer to finish, reads on a worker
/// thread (never the GUI's) and says what changed. It also reads every `pollMs` whatever it was told: a package
/// on a network share (NFS, SMB) changes without the local kernel noticing. Rules that cannot be used are refused with the reason, said once;
/// the rules in force stay until the package holds usable ones again. Lives on the thread that made it.
class RulesWatch : public QObject {
    Q_OBJECT
public:
    /// `current`: the rules the console took from `packagePath` when it started.
    RulesWatch(const QString &packagePath, const ResponseRules &current, int pollMs = kPollMs, QObject *parent = nullptr);
    ~RulesWatch() override;

    const ResponseRules &current() const { return m_current; }
    /// Reads the package's rules now; the outcome arrives as a signal (`checked` always, last).
    void checkNow();

    /// How often the package is read without being told it changed.
    static constexpr int kPollMs = 60'000;

Q_SIGNALS:
    /// The package holds other usable rules than those in force: `changes` says which (ResponseRules::changesFrom).
    void rulesChanged(const cityops::ResponseRules &rules, const QString &changes);
    /// The package's rules cannot be used (damaged, invalid, the file gone or no city): why, with the package named.
    /// Said once for one reason; the rules in force stay.
    void rulesUnusable(const QString &why);
    /// A read finished, whatever it found.
    void checked();

private:
    void take(const Result<ResponseRules> &read);

    FileWatch m_watch;
    ResponseRules m_current;
    QThreadPool m_reader;        ///< one thread: reads never overlap
    bool m_reading = false;
    bool m_readAgain = false;    ///< the package changed while it was being read
    bool m_retried = false;      ///< a failed read is tried once more before it is said (a writer may hold the file)
    QString m_saidProblem;
};

} // namespace cityops
