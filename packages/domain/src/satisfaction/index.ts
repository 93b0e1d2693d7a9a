export { answerInput, answerFields, answerSurvey, answerRepairSurveyIn, answerSurveyByToken, surveyByToken, surveyToken } from "./answer";
export { surveyCare, openRepairSurvey, openDeliverySurvey, CSAT_DAYS } from "./open";
export { listMySurveys, satisfactionOf, satisfactionResults, satisfactionQuery, type SatisfactionRow } from "./results";
export { mayAnswerSurveys, surveyScope, resultScope } from "./scope";
