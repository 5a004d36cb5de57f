// Administrators manage staff accounts and read no clinical record, not even
// through an account they create or a care team they change.
#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

class AccountRulesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    admin_ = NewActor("admin.one", store::UserRole::kAdmin);
    patient_ = NewPatient();
  }
  app::NewUser PatientAccount(const std::string& name) {
    return app::NewUser{name, name, store::UserRole::kPatient, patient_, std::string(kPassword)};
  }
  app::Actor admin_;
  PatientId patient_;
};

TEST_F(AccountRulesTest, AnAdminCannotCreateAPatientAccount) {
  auto made = app_->accounts().CreateUser(admin_, PatientAccount("ada.l"));
  EXPECT_EQ(made.status().code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(memory_.FindUser("ada.l").ok());
  EXPECT_EQ(AuditOf("user.create").back().outcome, "permission_denied");
}

TEST_F(AccountRulesTest, OnlyTheCareTeamCreatesAPatientAccount) {
  const app::Actor outsider = NewActor("dr.outside", store::UserRole::kClinician);
  EXPECT_EQ(app_->accounts().CreateUser(outsider, PatientAccount("ada.l")).status().code(),
            StatusCode::kNotFound);  // the record is hidden from them
  auto made = app_->accounts().CreateUser(dr_, PatientAccount("ada.l"));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->patient_id, patient_);
  // A clinician creates no staff account.
  EXPECT_EQ(app_->accounts()
                .CreateUser(dr_, app::NewUser{"dr.new", "", store::UserRole::kClinician,
                                              std::nullopt, std::string(kPassword)})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST_F(AccountRulesTest, AnAdminCannotResetAPatientsPasswordButTheCareTeamCan) {
  ASSERT_TRUE(app_->accounts().CreateUser(dr_, PatientAccount("ada.l")).ok());
  EXPECT_EQ(
      app_->accounts().ResetPassword(admin_, "ada.l", "an admin chosen passphrase").status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(app_->accounts().Login("ada.l", "an admin chosen passphrase", "").status().code(),
            StatusCode::kUnauthenticated);
  auto reset = app_->accounts().ResetPassword(dr_, "ada.l", "a new passphrase for ada");
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  EXPECT_EQ(reset->password_reset_by, "dr.house");
}

TEST_F(AccountRulesTest, AnAdminCannotAddAnyoneToACareTeam) {
  const app::Actor puppet = NewActor("dr.puppet", store::UserRole::kClinician);
  EXPECT_EQ(app_->accounts().AddToCareTeam(admin_, patient_, "dr.puppet").code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(*memory_.IsOnCareTeam(patient_, *puppet.user_id));
  // Nor may a team member add an admin: only clinicians join a team.
  EXPECT_EQ(app_->accounts().AddToCareTeam(dr_, patient_, "admin.one").code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(*memory_.IsOnCareTeam(patient_, *admin_.user_id));
  EXPECT_EQ(app_->patients().GetPatient(puppet, patient_).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountRulesTest, AResetOfAClinicianEndsTheirSessionsAndTellsThem) {
  auto grant = app_->accounts().Login("dr.house", std::string(kPassword), "");
  ASSERT_TRUE(grant.ok());
  auto reset = app_->accounts().ResetPassword(admin_, "dr.house", "a passphrase the admin set");
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  EXPECT_EQ(app_->accounts().Authenticate(grant->session_token, "").status().code(),
            StatusCode::kUnauthenticated);
  auto stored = memory_.FindUser("dr.house");
  EXPECT_EQ(stored->password_reset_by, "admin.one");
  EXPECT_EQ(stored->password_reset_at, At(kNow));
  auto rows = AuditOf("user.reset_password");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].actor, "admin.one");
  EXPECT_EQ(rows[0].detail, "username=dr.house");
  // The next login shows the owner who reset it.
  auto next = app_->accounts().Login("dr.house", "a passphrase the admin set", "");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->user.password_reset_by, "admin.one");
}

}  // namespace
}  // namespace pineal::testing
