import { css } from 'lit';

export const feedbackCommentStyles = css`
  .feedback-comment {
    display: flex;
    align-items: center;
    margin-top: 4px;
  }
  .feedback-comment > * + * {
    margin-inline-start: 6px;
  }
  .feedback-comment-input {
    flex: 1;
    padding: 6px 8px;
  }
  .feedback-thanks {
    margin: 4px 0 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  @media (forced-colors: active) {
    .feedback-comment-input {
      border: 1px solid CanvasText;
    }
  }
`;
