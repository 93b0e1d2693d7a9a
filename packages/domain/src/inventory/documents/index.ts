export { lineInput, linesInput, APPROVAL_THRESHOLD_FEN, type LineInput } from "./common";
export { createReceipt, postReceipt, receiptInput, receiptPostingInput } from "./receipts";
export { createTransfer, shipTransfer, receiveTransfer, cancelTransfer, transferInput, transferReceiptInput } from "./transfers";
export { createIssue, approveIssue, rejectIssue, issueInput, issueReasons } from "./issues";
export { openStocktake, enterCounts, postStocktake, approveStocktake, stocktakeVariances, openStocktakeInput, countsInput } from "./stocktakes";
export { requestCallOff, cancelCallOff, decideCallOff, shipCallOff, reportSellOut, callOffInput, sellOutInput } from "./partner-requests";
export { listDocuments, getDocument, documentListQuery, documentSortKeys, type DocumentListQuery } from "./queries";
export { parseLineText } from "./line-text";
